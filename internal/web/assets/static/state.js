// View state <-> URL query string, and the API requests a state implies.
// Pure functions: no DOM, no fetch.

export const FILTER_FIELDS = ['speaker', 'speaker_kind', 'speaker_country', 'person', 'org', 'place', 'country', 'source', 'lang'];
export const FACET_FIELDS = ['speaker', 'speaker_kind', 'speaker_country', 'person', 'org', 'place', 'country', 'source'];
export const MODES = ['articles', 'quotes'];
// Quote kinds of the quotes view ('' for all); the API takes kind with mode=quotes only.
export const KINDS = ['', 'direct', 'indirect', 'turn', 'statement'];
// '' is the server's default: relevance with a query, newest first without.
export const SORTS = ['', 'relevance', 'newest', 'oldest'];
export const INTERVALS = ['auto', 'day', 'week', 'month', 'year'];
export const SPLIT_SIZE = 5;
export const FACET_SIZE = 10;
export const FACET_MORE = 50;
export const PAGE_SIZE = 20;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyState() {
  return {
    q: '', mode: 'articles', kind: '', filters: {}, from: '', to: '',
    histogram: 'auto', split: '', sort: '', cursor: '', page: 1, more: [], article: '', quote: '',
  };
}

function oneOf(v, allowed, dflt) {
  return allowed.includes(v) ? v : dflt;
}

function uniq(values) {
  return [...new Set(values)];
}

// parseState reads a location.search string. Unknown or malformed values
// fall back to defaults so any URL gives a usable view.
export function parseState(search) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = p.get('q') ?? '';
  s.mode = oneOf(p.get('mode'), MODES, s.mode);
  s.kind = s.mode === 'quotes' ? oneOf(p.get('kind') ?? '', KINDS, '') : '';
  for (const f of FILTER_FIELDS) {
    const vs = uniq(p.getAll(f).map((v) => v.trim()).filter(Boolean));
    if (vs.length) s.filters[f] = vs;
  }
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  s.from = DATE_RE.test(from) ? from : '';
  s.to = DATE_RE.test(to) ? to : '';
  s.histogram = oneOf(p.get('histogram'), INTERVALS, s.histogram);
  s.split = oneOf(p.get('split'), FACET_FIELDS, s.split);
  s.sort = oneOf(p.get('sort') ?? '', SORTS, s.sort);
  s.cursor = p.get('cursor') ?? '';
  const page = Number.parseInt(p.get('page') ?? '1', 10);
  s.page = s.cursor && Number.isFinite(page) && page > 1 ? page : 1;
  if (s.page === 1) s.cursor = '';
  s.more = uniq((p.get('more') ?? '').split(',').filter((f) => FACET_FIELDS.includes(f)));
  s.article = p.get('article') ?? '';
  s.quote = s.article ? (p.get('quote') ?? '') : '';
  return s;
}

// toSearch writes a state as a query string (without "?"), omitting
// defaults, in a stable order.
export function toSearch(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.mode !== 'articles') p.set('mode', s.mode);
  if (s.mode === 'quotes' && s.kind) p.set('kind', s.kind);
  for (const f of FILTER_FIELDS) for (const v of s.filters[f] ?? []) p.append(f, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.histogram !== 'auto') p.set('histogram', s.histogram);
  if (s.split) p.set('split', s.split);
  if (s.sort) p.set('sort', s.sort);
  if (s.cursor && s.page > 1) {
    p.set('cursor', s.cursor);
    p.set('page', String(s.page));
  }
  if (s.more.length) p.set('more', s.more.join(','));
  if (s.article) p.set('article', s.article);
  if (s.article && s.quote) p.set('quote', s.quote);
  return p.toString();
}

// withChange returns a copy of s with changes applied; any change other
// than paging, facet sizes or opening an article goes back to page 1, and
// so does no change at all (withChange(s, {}) is page 1 of the same view).
export function withChange(s, changes) {
  const next = { ...s, filters: { ...s.filters }, more: [...s.more], ...changes };
  const keys = Object.keys(changes);
  const keepsPage = keys.length > 0 && keys.every((k) => ['cursor', 'page', 'article', 'quote', 'more', 'split'].includes(k));
  if (!keepsPage) {
    next.cursor = '';
    next.page = 1;
  }
  if (next.mode !== 'quotes') next.kind = '';
  if (!('article' in changes)) next.article = '';
  if (!('quote' in changes)) next.quote = '';
  return next;
}

export function toggleFilter(s, field, value, on) {
  const cur = s.filters[field] ?? [];
  const vals = on ? uniq([...cur, value]) : cur.filter((v) => v !== value);
  const filters = { ...s.filters };
  if (vals.length) filters[field] = vals;
  else delete filters[field];
  return withChange(s, { filters });
}

// filterParams appends q, mode, filters and the date range to p: the
// parameters shared by search and facet-value requests.
function filterParams(p, s) {
  if (s.q.trim()) p.set('q', s.q);
  if (s.mode !== 'articles') p.set('mode', s.mode);
  if (s.mode === 'quotes' && s.kind) p.set('kind', s.kind);
  for (const f of FILTER_FIELDS) for (const v of s.filters[f] ?? []) p.append(f, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
}

export function searchURL(s) {
  const p = new URLSearchParams();
  filterParams(p, s);
  p.set('facets', FACET_FIELDS.map((f) => `${f}:${s.more.includes(f) ? FACET_MORE : FACET_SIZE}`).join(','));
  p.set('histogram', s.histogram);
  if (s.split) p.set('split', `${s.split}:${SPLIT_SIZE}`);
  if (s.sort) p.set('sort', s.sort);
  p.set('size', String(PAGE_SIZE));
  if (s.cursor) p.set('cursor', s.cursor);
  return `/api/v1/search?${p}`;
}

// exportURL downloads every hit of the view as CSV.
export function exportURL(s) {
  const p = new URLSearchParams();
  filterParams(p, s);
  if (s.sort) p.set('sort', s.sort);
  p.set('format', 'csv');
  return `/api/v1/export?${p}`;
}

export function facetValuesURL(s, field, prefix, size = 20) {
  const p = new URLSearchParams();
  p.set('prefix', prefix);
  p.set('size', String(size));
  filterParams(p, s);
  return `/api/v1/facets/${encodeURIComponent(field)}?${p}`;
}

// articleURL is the article; with q, also where q matches its title and body.
export function articleURL(id, q = '') {
  const base = `/api/v1/articles/${encodeURIComponent(id)}`;
  return q.trim() ? `${base}?${new URLSearchParams({ q })}` : base;
}
