// Split histogram: one row per value of the split facet (the API's
// histogram.series), one cell per bucket, shaded by count. A row's label
// adds that value as a filter.

import { h, fmtNum } from './dom.js';
import { parseStart, bucketLabel } from './histogram.js';

const NOUNS = { articles: 'Articles', quotes: 'Quotes' };

// seriesRows reads the API series into rows of the same buckets, dropping
// malformed entries; max is the largest cell.
export function seriesRows(hist) {
  const interval = ['day', 'week', 'month', 'year'].includes(hist?.interval) ? hist.interval : 'day';
  const starts = (Array.isArray(hist?.buckets) ? hist.buckets : []).map((b) => parseStart(b?.start)).filter(Boolean);
  const rows = [];
  let max = 0;
  for (const s of Array.isArray(hist?.series) ? hist.series : []) {
    if (typeof s?.value !== 'string' || !s.value) continue;
    const byStart = new Map();
    for (const b of Array.isArray(s.buckets) ? s.buckets : []) {
      const d = parseStart(b?.start);
      if (d) byStart.set(d.getTime(), Number(b.count) || 0);
    }
    const cells = starts.map((d) => byStart.get(d.getTime()) ?? 0);
    max = Math.max(max, ...cells);
    rows.push({ value: s.value, label: String(s.label || s.value), count: Number(s.count) || 0, undated: Number(s.undated) || 0, cells });
  }
  return { interval, columns: starts.map((d) => bucketLabel(d, interval)), rows, max };
}

// renderSeries fills el with the table of hist's series, or hides it when
// there are none. fieldName names the split facet ("Country").
export function renderSeries(el, hist, { mode, fieldName, field, onPick }) {
  const { interval, columns, rows, max } = seriesRows(hist);
  el.hidden = rows.length === 0 || columns.length === 0;
  if (el.hidden) {
    el.replaceChildren();
    return;
  }
  const noun = NOUNS[mode] ?? NOUNS.articles;
  const head = h('tr', null,
    h('th', { scope: 'col', text: fieldName }),
    h('th', { scope: 'col', class: 'num', text: 'Total' }),
    columns.map((c) => h('th', { scope: 'col', class: 'num', text: c })));
  const body = rows.map((r) => h('tr', { dataset: { value: r.value } },
    h('th', { scope: 'row' }, h('button', {
      type: 'button', class: 'link', text: r.label, title: `Filter by ${r.label}`,
      onclick: () => onPick(field, r.value, r.label),
    })),
    h('td', { class: 'num total', text: fmtNum(r.count) }),
    r.cells.map((n, i) => {
      const td = h('td', {
        class: `num cell${n ? '' : ' zero'}${max && n / max > 0.6 ? ' hot' : ''}`,
        title: `${r.label}, ${columns[i]}: ${fmtNum(n)}`,
        text: n ? fmtNum(n) : '',
      });
      // Through the CSSOM: the page's CSP allows no style attributes.
      td.style.setProperty('--v', max ? (n / max).toFixed(3) : '0');
      return td;
    })));
  el.replaceChildren(h('table', { class: 'series-table' },
    h('caption', { text: `${noun} per ${interval} by ${fieldName.toLowerCase()}` }),
    h('thead', null, head), h('tbody', null, body)));
}
