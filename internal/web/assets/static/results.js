// Result list: article hits with snippets and matching quotes, or quote
// hits; plus speaker chips that add a speaker filter.

import { h, marked, fmtDate, safeHref } from './dom.js';
import { getJSON } from './api.js';

// speakerChip renders who said a quote: a button adding the speaker filter
// when the speaker is known, plain text otherwise.
export function speakerChip(q, ctx) {
  const sp = q && q.speaker && typeof q.speaker === 'object' ? q.speaker : null;
  if (sp && sp.id) {
    const name = sp.name || sp.id;
    return h('button', {
      type: 'button', class: 'chip speaker', title: `Show only quotes by ${name}`,
      'aria-label': `Filter by speaker ${name}`, dataset: { speaker: sp.id },
      onclick: () => ctx.onSpeaker(sp.id, name),
    }, name);
  }
  const asWritten = q?.speaker_as_written;
  return h('span', { class: 'chip unattributed', title: 'No confident speaker' }, asWritten ? `“${asWritten}”` : 'unattributed');
}

function quoteMeta(q) {
  const bits = [];
  if (q.cue) bits.push(q.cue);
  if (q.kind === 'indirect') bits.push('indirect');
  if (q.kind === 'turn') bits.push('transcript');
  if (q.kind === 'statement') bits.push('statement');
  return bits.length ? h('span', { class: 'cue', text: bits.join(' · ') }) : null;
}

function meta(hit, ctx, extra) {
  const url = safeHref(hit.url);
  return h('p', { class: 'meta' },
    extra,
    hit.source ? h('span', { class: 'source', text: hit.source }) : null,
    hit.published ? h('time', { datetime: hit.published, text: fmtDate(hit.published, hit.date_precision) }) : h('span', { class: 'undated', text: 'undated' }),
    url ? h('a', { href: url, class: 'external', rel: 'noopener noreferrer', target: '_blank', text: 'source ↗' }) : null);
}

function articleLink(id, titleNodes, ctx, quote = '') {
  return h('a', {
    href: ctx.articleHref(id, quote), class: 'open-article', dataset: { article: id },
    onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      ctx.onOpenArticle(id, quote);
    },
  }, titleNodes);
}

function titleNodes(hit) {
  const hl = hit.snippets?.title;
  if (Array.isArray(hl) && hl.length && typeof hl[0] === 'string') return marked(hl[0]);
  return hit.title || h('span', { class: 'untitled', text: `(untitled ${hit.id})` });
}

// similarControl is the "N similar" button of a hit standing for a group
// of copies (a story syndicated by several outlets, a quote repeated) and
// the box it opens, listing the copies earliest first; none for a hit in
// no group.
function similarControl(hit, ctx) {
  const n = Number(hit.similar_count) || 0;
  if (n <= 0) return [null, null];
  const box = h('div', { class: 'similar', hidden: true, 'aria-live': 'polite' });
  const what = hit.type === 'quote' ? (n === 1 ? 'other copy' : 'other copies') : 'similar';
  const btn = h('button', {
    type: 'button', class: 'link similar-toggle', text: `${n} ${what}`, 'aria-expanded': 'false',
    title: hit.type === 'quote' ? 'The same quote, reported elsewhere' : 'The same story in other outlets or editions',
    onclick: () => toggleSimilar(hit, ctx, btn, box),
  });
  return [btn, box];
}

// togglePanel shows or hides the panel box of btn; it reports whether the
// panel was opened for the first time, showing loading in it meanwhile.
function togglePanel(btn, box, loading) {
  const open = box.hidden;
  box.hidden = !open;
  btn.setAttribute('aria-expanded', String(open));
  if (!open || box.dataset.loaded) return false;
  box.replaceChildren(h('p', { class: 'muted', text: loading }));
  return true;
}

async function toggleSimilar(hit, ctx, btn, box) {
  if (!togglePanel(btn, box, 'Listing the copies…')) return;
  const kind = hit.type === 'quote' ? 'quotes' : 'articles';
  try {
    const res = await getJSON(`/api/v1/${kind}/${encodeURIComponent(hit.id)}/similar`);
    const copies = Array.isArray(res.hits) ? res.hits.filter((c) => c && typeof c === 'object') : [];
    box.replaceChildren(h('ol', { class: 'copies', 'aria-label': 'Copies, earliest first' }, copies.map((c) => h('li', { class: 'copy', dataset: { id: c.id } },
      c.published ? h('time', { datetime: c.published, text: fmtDate(c.published) }) : h('span', { class: 'undated', text: 'undated' }),
      c.source ? h('span', { class: 'source', text: c.source }) : null,
      articleLink(c.article_id || c.id, c.title || h('span', { class: 'untitled', text: 'untitled article' }), ctx, c.type === 'quote' ? c.id : ''),
      c.id === hit.id ? h('span', { class: 'muted', text: '(this one)' }) : null))));
    box.dataset.loaded = '1';
  } catch (err) {
    box.replaceChildren(h('p', { class: 'error', text: `Cannot list the copies: ${err.message}` }));
  }
}

function articleHit(hit, ctx) {
  const body = Array.isArray(hit.snippets?.body) ? hit.snippets.body.filter((s) => typeof s === 'string') : [];
  const quotes = Array.isArray(hit.quotes) ? hit.quotes : [];
  const [simBtn, simBox] = similarControl(hit, ctx);
  return h('li', { class: 'hit article-hit', dataset: { id: hit.id } },
    h('h3', null, articleLink(hit.id, titleNodes(hit), ctx)),
    meta(hit, ctx, simBtn),
    simBox,
    body.length ? h('p', { class: 'snippet' }, body.map((s, i) => [i ? ' … ' : '', marked(s)])) : null,
    quotes.length ? h('ul', { class: 'quotes', 'aria-label': 'Matching quotes' }, quotes.map((q) => h('li', { class: 'quote', dataset: { speaker: q.speaker?.id ?? '' } },
      h('blockquote', null, marked(q.highlighted || q.text || '')),
      h('p', { class: 'said' }, speakerChip(q, ctx), quoteMeta(q))))) : null);
}

function quoteHit(hit, ctx) {
  const spread = h('div', { class: 'spread', hidden: true, 'aria-live': 'polite' });
  const btn = h('button', {
    type: 'button', class: 'link spread-toggle', text: 'Where else?', 'aria-expanded': 'false',
    onclick: () => toggleSpread(hit, ctx, btn, spread),
  });
  const [simBtn, simBox] = similarControl(hit, ctx);
  return h('li', { class: 'hit quote-hit', dataset: { id: hit.id, speaker: hit.speaker?.id ?? '', kind: hit.kind ?? '' } },
    h('blockquote', null, marked(hit.highlighted || hit.text || '')),
    h('p', { class: 'said' }, speakerChip(hit, ctx), quoteMeta(hit), btn, simBtn),
    simBox,
    meta(hit, ctx, h('span', { class: 'in' }, 'in ',
      articleLink(hit.article_id || hit.id, hit.title || h('span', { class: 'untitled', text: 'untitled article' }), ctx, hit.id))),
    spread);
}

// toggleSpread shows where a quote first appeared, how often and by whom
// it was repeated, and a small timeline of its copies.
async function toggleSpread(hit, ctx, btn, box) {
  if (!togglePanel(btn, box, 'Looking for copies…')) return;
  try {
    const sp = await getJSON(`/api/v1/quotes/${encodeURIComponent(hit.id)}/spread`);
    const n = Number(sp.count) || 0;
    const first = sp.first;
    const days = first?.published && sp.last?.published ? Math.round((Date.parse(sp.last.published) - Date.parse(first.published)) / 86400000) : 0;
    const sources = Array.isArray(sp.sources) ? sp.sources.filter((s) => s && s.value) : [];
    const buckets = Array.isArray(sp.histogram?.buckets) ? sp.histogram.buckets : [];
    const max = Math.max(1, ...buckets.map((b) => Number(b.count) || 0));
    box.replaceChildren(
      h('p', null,
        first ? ['First: ', first.published ? h('time', { datetime: first.published, text: fmtDate(first.published) }) : 'undated',
          first.source ? `, ${first.source}` : '', ' — ',
          articleLink(first.article_id || first.id, first.title || 'untitled article', ctx, first.id)] : null),
      h('p', { class: 'spread-count', text: n > 1 ? `${n} copies${days > 0 ? ` over ${days} ${days === 1 ? 'day' : 'days'}` : ''} in ${sources.length} ${sources.length === 1 ? 'source' : 'sources'}: ${sources.map((s) => `${s.label || s.value} (${s.count})`).join(', ')}` : 'No other copy.' }),
      buckets.length > 1 ? h('div', { class: 'spread-bars', role: 'img', 'aria-label': `Copies per ${sp.histogram.interval}` },
        buckets.map((b) => {
          const bar = h('span', { class: 'b', title: `${b.start}: ${b.count}` });
          bar.style.height = `${b.count ? Math.max(8, (b.count / max) * 100) : 0}%`;
          return bar;
        })) : null);
    box.dataset.loaded = '1';
  } catch (err) {
    box.replaceChildren(h('p', { class: 'error', text: `Cannot load the copies: ${err.message}` }));
  }
}

export function renderHits(list, hits, ctx) {
  const items = (Array.isArray(hits) ? hits : []).filter((x) => x && typeof x === 'object').map((hit) => (hit.type === 'quote' ? quoteHit(hit, ctx) : articleHit(hit, ctx)));
  list.replaceChildren(...items);
  return items.length;
}
