// DOM helpers. Nothing here parses markup: API text always becomes text
// nodes, and only <mark> tags in highlighted snippets become elements.

// h creates an element. attrs: "class", "text", on<event> functions,
// "dataset" objects, booleans (true: present) and other attributes.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

// decodeEntities undoes the HTML escaping the API applies around <mark>.
export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (m, ent) => {
    const e = ent.toLowerCase();
    if (e in NAMED) return NAMED[e];
    let code = NaN;
    if (e.startsWith('#x')) code = Number.parseInt(e.slice(2), 16);
    else if (e.startsWith('#')) code = Number.parseInt(e.slice(1), 10);
    if (Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      return String.fromCodePoint(code);
    }
    return m;
  });
}

// marked turns a highlighted snippet into nodes: <mark>…</mark> become
// <mark> elements, everything else (including any other tag) is text.
export function marked(snippet) {
  const frag = document.createDocumentFragment();
  if (typeof snippet !== 'string') return frag;
  let inMark = false;
  for (const part of snippet.split(/(<mark\b[^>]*>|<\/mark>)/i)) {
    if (/^<mark\b/i.test(part)) { inMark = true; continue; }
    if (/^<\/mark>$/i.test(part)) { inMark = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(decodeEntities(part));
    frag.append(inMark ? h('mark', null, text) : text);
  }
  return frag;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

// fmtDate formats a date; precision "year" or "month" (a hit's
// date_precision) shows only the year or the month it stands for.
export function fmtDate(iso, precision) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  if (precision === 'year') return String(d.getUTCFullYear());
  if (precision === 'month') return monthFmt.format(d);
  return dateFmt.format(d);
}

export function fmtNum(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : '';
}

export function debounce(fn, ms) {
  let t = 0;
  const wrapped = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(t);
  return wrapped;
}

// safeHref returns url when it is an http(s) URL, else null.
export function safeHref(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function plural(n, one, many) {
  return `${fmtNum(n)} ${n === 1 ? one : many}`;
}
