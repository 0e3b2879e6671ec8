// Readout page controller: URL state -> API requests -> rendering.

import {
  FILTER_FIELDS, emptyState, parseState, toSearch, withChange, toggleFilter,
  searchURL, facetValuesURL, articleURL, exportURL,
} from './state.js';
import { Channel, getJSON, isAbort } from './api.js';
import { fetchExport, saveBlob } from './download.js';
import { h, plural, debounce, fmtDate, fmtNum } from './dom.js';
import { Histogram, datingNote } from './histogram.js';
import { renderSeries } from './series.js';
import { Facets } from './facets.js';
import { renderHits } from './results.js';
import { renderArticle } from './article.js';

const $ = (id) => document.getElementById(id);
const els = {
  form: $('search-form'), q: $('q'), home: $('home'), stats: $('stats'),
  resultsView: $('results-view'), facets: $('facets'), articleView: $('article-view'),
  status: $('status'), active: $('active-filters'), error: $('error'), parsed: $('parsed'), suggestion: $('suggestion'),
  results: $('results'), empty: $('empty'), prev: $('prev'), next: $('next'), page: $('page'),
  sort: $('sort'), interval: $('interval'), split: $('split'), series: $('histogram-series'), export: $('export'),
  exportStatus: $('export-status'),
  clearRange: $('clear-range'),
  rangeForm: $('range-form'), from: $('from'), to: $('to'),
  histogram: $('histogram'), undated: $('histogram-undated'),
  modeArticles: $('mode-articles'), modeQuotes: $('mode-quotes'),
  kind: $('kind'), kindWrap: $('kind-wrap'),
};

const FIELD_NAMES = {
  speaker: 'Speaker', person: 'Person', org: 'Organization', place: 'Place',
  country: 'Country', source: 'Source', lang: 'Language',
};

const labels = new Map(); // "field:value" -> display label
const searchCh = new Channel();
const articleCh = new Channel();
const facetChs = new Map();
const cache = new Map(); // search URL -> {at, res}
const CACHE_MAX = 30;
const CACHE_TTL_MS = 60_000;

let state = parseState(window.location.search);
let cursors = Array.isArray(window.history.state?.cursors) ? window.history.state.cursors : [''];
let typing = false; // the current history entry was made by typing in the box
let pendingScroll = null; // scroll position to restore after the next render (back/forward)
window.history.scrollRestoration = 'manual';
let lastResponse = null;
let renders = 0; // data-renders on <body>: lets tests wait for a render
let exporting = false; // a CSV download is running
let progressAt = 0; // when its progress was last shown

function rendered() {
  renders += 1;
  document.body.dataset.renders = String(renders);
  // Time from navigation start to the first rendered answer, for tests.
  if (renders === 1) document.body.dataset.firstRenderMs = performance.now().toFixed(1);
}

// navigate moves to a new state: a new history entry (or a replaced one)
// and a load. cursorStack is the stack of page cursors for "previous".
function navigate(next, { replace = false, cursorStack = null, fromResults = false } = {}) {
  const qs = toSearch(next);
  const url = qs ? `?${qs}` : window.location.pathname;
  if (cursorStack) cursors = cursorStack;
  else if (next.page === 1) cursors = [''];
  const same = `?${qs}` === window.location.search || (!qs && !window.location.search);
  const entry = { cursors, fromResults };
  if (replace || same) window.history.replaceState(entry, '', url);
  else {
    // Remember where the reader was, for back and forward.
    window.history.replaceState({ ...window.history.state, scrollY: window.scrollY }, '');
    window.history.pushState(entry, '', url);
  }
  pendingScroll = null;
  typing = false;
  state = next;
  load();
}

window.addEventListener('popstate', (e) => {
  state = parseState(window.location.search);
  cursors = Array.isArray(e.state?.cursors) ? e.state.cursors : [''];
  pendingScroll = typeof e.state?.scrollY === 'number' ? e.state.scrollY : null;
  typing = false;
  load();
});

function load() {
  syncControls();
  if (state.article) {
    searchCh.abort();
    showArticle(state.article);
  } else {
    articleCh.abort();
    els.articleView.hidden = true;
    els.articleView.replaceChildren();
    els.resultsView.hidden = false;
    els.facets.hidden = false;
    runSearch();
  }
}

function syncControls() {
  if (!(typing && document.activeElement === els.q)) els.q.value = state.q;
  els.modeArticles.checked = state.mode === 'articles';
  els.modeQuotes.checked = state.mode === 'quotes';
  els.kindWrap.hidden = state.mode !== 'quotes';
  els.kind.value = state.kind;
  els.sort.value = state.sort;
  els.interval.value = state.histogram;
  els.split.value = state.split;
  els.from.value = state.from;
  els.to.value = state.to;
  document.title = state.q ? `${state.q} — Readout` : 'Readout — news search';
}

// ---- search ---------------------------------------------------------------

async function runSearch() {
  const s = state;
  const url = searchURL(s);
  setBusy(true);
  try {
    const hit = cache.get(url);
    let res;
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) {
      searchCh.abort();
      res = hit.res;
    } else {
      res = await searchCh.get(url);
      cache.delete(url);
      cache.set(url, { at: Date.now(), res });
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
    }
    if (s !== state) return;
    renderSearch(res);
  } catch (err) {
    if (isAbort(err) || s !== state) return;
    showError(err);
  } finally {
    if (s === state) setBusy(false);
  }
}

function setBusy(busy) {
  els.resultsView.setAttribute('aria-busy', String(busy));
  els.resultsView.classList.toggle('busy', busy);
  if (busy) els.status.textContent = 'Searching…';
}

const histogram = new Histogram($('histogram-bars'), $('histogram-axis'), {
  onRange: (from, to) => navigate(withChange(state, { from, to })),
});

const facets = new Facets(els.facets, {
  labels,
  onToggle: (field, value, label, checked) => {
    if (label) labels.set(`${field}:${value}`, label);
    navigate(toggleFilter(state, field, value, checked));
  },
  onMore: (field, expand) => {
    const more = expand ? [...state.more, field] : state.more.filter((f) => f !== field);
    navigate(withChange(state, { more }), { cursorStack: cursors });
  },
  searchValues: (field, prefix) => {
    if (!facetChs.has(field)) facetChs.set(field, new Channel());
    return facetChs.get(field).get(facetValuesURL(state, field, prefix));
  },
});

const hitCtx = {
  articleHref: (id, quote = '') => `?${toSearch(withChange(state, { article: id, quote, cursor: state.cursor, page: state.page }))}`,
  onOpenArticle: (id, quote = '') => navigate(withChange(state, { article: id, quote, cursor: state.cursor, page: state.page }), { cursorStack: cursors, fromResults: true }),
  onSpeaker: (id, name) => addFilter('speaker', id, name),
};

function addFilter(field, value, label) {
  if (label) labels.set(`${field}:${value}`, label);
  navigate(toggleFilter(withChange(state, {}), field, value, true));
}

function renderSearch(res) {
  lastResponse = res;
  els.error.hidden = true;
  els.histogram.hidden = false;
  const hits = Array.isArray(res.hits) ? res.hits : [];
  for (const hit of hits) {
    for (const q of [hit, ...(Array.isArray(hit.quotes) ? hit.quotes : [])]) {
      if (q?.speaker?.id && q.speaker.name) labels.set(`speaker:${q.speaker.id}`, q.speaker.name);
    }
  }
  const total = Number(res.total) || 0;
  const noun = state.mode === 'quotes' ? ['quote', 'quotes'] : ['article', 'articles'];
  const took = typeof res.took_ms === 'number' ? ` in ${res.took_ms < 10 ? res.took_ms.toFixed(1) : Math.round(res.took_ms)} ms` : '';
  // Collapsed: copies of one story (or quote) show once; say how many
  // stories the copies make.
  const stories = Number(res.total_stories);
  const grouped = Number.isFinite(stories) && res.total_stories != null && stories < total
    ? ` (${fmtNum(stories)} ${state.mode === 'quotes' ? 'distinct' : (stories === 1 ? 'story' : 'stories')})` : '';
  els.status.textContent = `${plural(total, ...noun)}${grouped}${took}`;
  els.export.href = exportURL(state);
  els.export.hidden = total === 0;
  if (!exporting) setExportStatus('');
  els.export.title = total > 10000 ? `The first 10,000 of ${fmtNum(total)} ${noun[1]}` : `All ${noun[1]} of this search`;
  els.parsed.textContent = state.q.trim() && res.query ? `Query: ${res.query}` : '';
  renderSuggestion(res.suggestion, noun);
  const n = renderHits(els.results, hits, hitCtx);
  els.empty.hidden = n > 0;
  if (!n) renderEmpty();
  facets.render(res.facets ?? {}, state);
  renderHistogram(res.histogram);
  renderActive();
  els.prev.disabled = state.page <= 1;
  els.next.disabled = !res.next_cursor;
  els.page.textContent = total ? `Page ${state.page}` : '';
  els.prev.parentElement.hidden = state.page <= 1 && !res.next_cursor;
  if (pendingScroll !== null) {
    window.scrollTo(0, pendingScroll);
    pendingScroll = null;
  }
  rendered();
}

// renderSuggestion offers the corrected query of a search that found
// (almost) nothing: "Did you mean ceasefire talks? 42 articles".
function renderSuggestion(sg, noun) {
  const ok = sg && typeof sg.q === 'string' && sg.q.trim() && Number(sg.total) > 0;
  els.suggestion.hidden = !ok;
  if (!ok) {
    els.suggestion.replaceChildren();
    return;
  }
  const next = withChange(state, { q: sg.q });
  els.suggestion.replaceChildren('Did you mean ',
    h('a', { href: `?${toSearch(next)}`, class: 'suggested', onclick: (e) => { e.preventDefault(); navigate(next); } }, sg.q),
    `? ${plural(Number(sg.total), ...noun)}`);
}

function renderEmpty() {
  const nFilters = FILTER_FIELDS.reduce((n, f) => n + (state.filters[f]?.length ?? 0), 0) + (state.from || state.to ? 1 : 0);
  const what = state.q.trim() ? h('span', null, 'No results for ', h('strong', { text: `“${state.q.trim()}”` })) : 'No results';
  const tail = nFilters ? [` with ${plural(nFilters, 'filter', 'filters')}. `,
    h('button', { type: 'button', class: 'link', text: 'Clear filters', onclick: clearFilters })] : '.';
  els.empty.replaceChildren(h('p', null, state.page > 1 ? 'No more results.' : [what, tail]));
}

function clearFilters() {
  navigate(withChange(state, { filters: {}, from: '', to: '' }));
}

function renderHistogram(hist) {
  const { count, interval } = histogram.render(hist, state.histogram, state.from, state.to, state.mode);
  els.interval.options[0].textContent = state.histogram === 'auto' && count ? `Auto (${interval})` : 'Auto';
  els.undated.textContent = datingNote(hist);
  els.clearRange.hidden = !(state.from || state.to);
  els.histogram.classList.toggle('no-dates', count === 0);
  if (count === 0) $('histogram-axis').replaceChildren(h('span', { class: 'muted', text: 'No dated results.' }));
  renderSeries(els.series, state.split && count ? hist : null, {
    mode: state.mode, field: state.split, fieldName: FIELD_NAMES[state.split] ?? '', onPick: addFilter,
  });
}

function renderActive() {
  const chips = [];
  for (const f of FILTER_FIELDS) {
    for (const v of state.filters[f] ?? []) {
      const label = labels.get(`${f}:${v}`) ?? v;
      chips.push(h('button', {
        type: 'button', class: 'chip removable', 'aria-label': `Remove filter ${FIELD_NAMES[f]}: ${label}`,
        dataset: { field: f, value: v }, onclick: () => navigate(toggleFilter(state, f, v, false)),
      }, h('span', { class: 'field', text: `${FIELD_NAMES[f]}:` }), ` ${label} `, h('span', { 'aria-hidden': 'true', text: '×' })));
    }
  }
  if (state.from || state.to) {
    const range = `${state.from || '…'} – ${state.to || '…'}`;
    chips.push(h('button', {
      type: 'button', class: 'chip removable', 'aria-label': `Remove date range ${range}`, dataset: { field: 'date' },
      onclick: () => navigate(withChange(state, { from: '', to: '' })),
    }, h('span', { class: 'field', text: 'Date:' }), ` ${range} `, h('span', { 'aria-hidden': 'true', text: '×' })));
  }
  if (chips.length > 1) chips.push(h('button', { type: 'button', class: 'link', text: 'Clear all', onclick: clearFilters }));
  els.active.replaceChildren(...chips);
  els.active.hidden = chips.length === 0;
}

function showError(err) {
  lastResponse = null;
  els.status.textContent = '';
  els.export.hidden = true;
  if (!exporting) setExportStatus('');
  els.histogram.hidden = true;
  els.parsed.textContent = '';
  els.results.replaceChildren();
  els.empty.hidden = true;
  els.prev.parentElement.hidden = true;
  const where = typeof err.position === 'number' ? ` (at character ${err.position + 1})` : '';
  els.error.replaceChildren(h('strong', { text: err.status >= 500 || !err.status ? 'Search failed: ' : 'Cannot run this search: ' }), `${err.message}${where}`,
    // A stale or foreign cursor: offer the first page of the same search.
    ...(err.param === 'cursor' && state.page > 1
      ? [' ', h('button', { type: 'button', class: 'link', text: 'Go to the first page', onclick: () => navigate(withChange(state, {})) })]
      : []));
  els.error.hidden = false;
  renderActive();
  rendered();
}

// ---- paging ---------------------------------------------------------------

els.next.addEventListener('click', () => {
  const cur = lastResponse?.next_cursor;
  if (!cur) return;
  const stack = cursors.slice(0, state.page);
  while (stack.length < state.page) stack.push('');
  stack[state.page - 1] = state.cursor;
  stack.push(cur);
  navigate(withChange(state, { cursor: cur, page: state.page + 1 }), { cursorStack: stack });
  els.results.focus({ preventScroll: true });
  els.resultsView.scrollIntoView({ block: 'start' });
});

els.prev.addEventListener('click', () => {
  if (state.page <= 1) return;
  const page = state.page - 1;
  const cur = cursors[page - 1];
  if (page === 1 || !cur) navigate(withChange(state, {}));
  else navigate(withChange(state, { cursor: cur, page }), { cursorStack: cursors.slice(0, page) });
  els.results.focus({ preventScroll: true });
  els.resultsView.scrollIntoView({ block: 'start' });
});

// ---- CSV download ---------------------------------------------------------

// The download is fetched and checked (download.js) before it is saved: a
// download that broke off or came short says so instead of leaving a
// truncated file. Modified clicks (new tab, save link as) stay native.
function setExportStatus(text, failed = false) {
  els.exportStatus.textContent = text;
  els.exportStatus.classList.toggle('failed', failed);
  els.exportStatus.hidden = !text;
}

els.export.addEventListener('click', async (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  if (exporting) return;
  exporting = true;
  els.export.setAttribute('aria-disabled', 'true');
  setExportStatus('Downloading CSV…');
  try {
    const { blob, filename, rows } = await fetchExport(els.export.href, {
      onProgress: (n, expected) => {
        // At most once a second: the status is a live region.
        if (Date.now() - progressAt < 1000) return;
        progressAt = Date.now();
        setExportStatus(`Downloading CSV… ${fmtNum(n)} of ${fmtNum(expected)} rows`);
      },
    });
    saveBlob(blob, filename);
    setExportStatus(`Saved ${plural(rows, 'row', 'rows')} as ${filename}.`);
  } catch (err) {
    setExportStatus(`Download failed: ${err.message}`, true);
  } finally {
    exporting = false;
    progressAt = 0;
    els.export.removeAttribute('aria-disabled');
  }
});

// ---- article --------------------------------------------------------------

async function showArticle(id) {
  els.resultsView.hidden = true;
  els.facets.hidden = true;
  els.articleView.hidden = false;
  els.articleView.setAttribute('aria-busy', 'true');
  els.articleView.replaceChildren(h('p', { class: 'loading', text: 'Loading article…' }));
  const back = () => {
    if (window.history.state?.fromResults) window.history.back();
    else navigate(withChange(state, { article: '', quote: '', cursor: state.cursor, page: state.page }), { cursorStack: cursors });
  };
  try {
    let art;
    try {
      art = await articleCh.get(articleURL(id, state.q));
    } catch (err) {
      // A q the server cannot read still opens the article, unmarked.
      if (err.status !== 400 || !state.q.trim()) throw err;
      art = await articleCh.get(articleURL(id));
    }
    if (state.article !== id) return;
    for (const e of Array.isArray(art.entities) ? art.entities : []) if (e?.id && e.name) labels.set(`${e.type}:${e.id}`, e.name);
    for (const c of Array.isArray(art.countries) ? art.countries : []) if (c?.code && c.name) labels.set(`country:${c.code}`, c.name);
    renderArticle(els.articleView, art, {
      onBack: back,
      onFilter: (field, value, label) => addFilter(field, value, label),
      onSpeaker: (sid, name) => addFilter('speaker', sid, name),
    });
    document.title = `${art.title || id} — Readout`;
    const quoteEl = state.quote ? els.articleView.querySelector(`[data-quote-id="${CSS.escape(state.quote)}"]`) : null;
    const firstMatch = els.articleView.querySelector('.article .body mark.match');
    if (quoteEl) {
      quoteEl.classList.add('current');
      quoteEl.scrollIntoView({ block: 'center' });
      quoteEl.focus({ preventScroll: true });
    } else if (firstMatch) {
      els.articleView.querySelector('.match-nav .next')?.click(); // to the first match in the text
    } else {
      $('article-title')?.focus({ preventScroll: false });
    }
    els.articleView.dataset.loaded = id;
  } catch (err) {
    if (isAbort(err) || state.article !== id) return;
    els.articleView.replaceChildren(
      h('div', { class: 'article-head' }, h('button', { type: 'button', class: 'back', onclick: back, text: '← Back to results' })),
      h('div', { class: 'error', role: 'alert' }, err.status === 404 ? `No article with id “${id}”.` : `Cannot load the article: ${err.message}`));
  } finally {
    if (state.article === id) els.articleView.setAttribute('aria-busy', 'false');
  }
}

// ---- controls -------------------------------------------------------------

const liveSearch = debounce(() => {
  if (els.q.value === state.q) return;
  const wasTyping = typing;
  navigate(withChange(state, { q: els.q.value }), { replace: wasTyping });
  typing = true;
}, 400);

els.q.addEventListener('input', liveSearch);
els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  liveSearch.cancel();
  navigate(withChange(state, { q: els.q.value }), { replace: typing && els.q.value === state.q });
});
for (const radio of [els.modeArticles, els.modeQuotes]) {
  radio.addEventListener('change', () => { if (radio.checked) navigate(withChange(state, { mode: radio.value })); });
}
els.kind.addEventListener('change', () => navigate(withChange(state, { kind: els.kind.value })));
els.sort.addEventListener('change', () => navigate(withChange(state, { sort: els.sort.value })));
els.interval.addEventListener('change', () => navigate(withChange(state, { histogram: els.interval.value }), { cursorStack: cursors }));
els.split.addEventListener('change', () => navigate(withChange(state, { split: els.split.value }), { cursorStack: cursors }));
els.rangeForm.addEventListener('submit', (e) => {
  e.preventDefault();
  let [from, to] = [els.from.value, els.to.value];
  if (from && to && from > to) [from, to] = [to, from];
  navigate(withChange(state, { from, to }));
});
els.clearRange.addEventListener('click', () => navigate(withChange(state, { from: '', to: '' })));
els.home.addEventListener('click', (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(emptyState());
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && $('syntax').open) {
    $('syntax').open = false;
    $('syntax-summary').focus();
    return;
  }
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
  e.preventDefault();
  els.q.focus();
  els.q.select();
});

async function loadStats() {
  try {
    const st = await getJSON('/api/v1/stats');
    const bits = [];
    if (typeof st.articles === 'number') bits.push(plural(st.articles, 'article', 'articles'));
    if (typeof st.quotes === 'number') bits.push(plural(st.quotes, 'quote', 'quotes'));
    if (st.date_span?.from && st.date_span?.to) bits.push(`${fmtDate(st.date_span.from)} – ${fmtDate(st.date_span.to)}`);
    els.stats.textContent = bits.join(' · ');
    if (st.generation) els.stats.title = `index ${st.generation}${st.built_at ? `, built ${st.built_at}` : ''}`;
  } catch {
    els.stats.textContent = '';
  }
}

window.history.replaceState({ cursors, fromResults: Boolean(window.history.state?.fromResults) }, '');
document.documentElement.dataset.ready = 'true';
load();
loadStats();
