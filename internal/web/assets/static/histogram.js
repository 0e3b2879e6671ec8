// Date histogram: one button per bucket (keyboard and screen-reader
// friendly), click to narrow to a bucket, drag across bars for a range.

import { h, fmtNum, plural } from './dom.js';

const MAX_FILL = 1500; // fill gaps with empty buckets up to this many bars
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// parseStart reads a bucket start: "2022", "2022-02", "2022-02-15" or RFC 3339.
export function parseStart(s) {
  if (typeof s !== 'string') return null;
  let m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(s);
  if (m) return new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function ymd(d) {
  return d.toISOString().slice(0, 10);
}

function addDays(d, n) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n));
}

function align(d, interval) {
  switch (interval) {
    case 'month': return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    case 'year': return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
    default: return d;
  }
}

function step(d, interval) {
  switch (interval) {
    case 'week': return addDays(d, 7);
    case 'month': return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    case 'year': return new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
    default: return addDays(d, 1);
  }
}

// bucketRange gives the inclusive from/to dates (YYYY-MM-DD) of the bucket
// starting at start.
export function bucketRange(start, interval) {
  const d = align(start, interval);
  return { from: ymd(d), to: ymd(addDays(step(d, interval), -1)) };
}

export function bucketLabel(start, interval) {
  switch (interval) {
    case 'month': return `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`;
    case 'year': return String(start.getUTCFullYear());
    case 'week': return `week of ${ymd(start)}`;
    default: return ymd(start);
  }
}

function guessInterval(s) {
  if (/^\d{4}$/.test(s)) return 'year';
  if (/^\d{4}-\d{2}$/.test(s)) return 'month';
  return 'day';
}

// normalize turns the API histogram into sorted, gap-filled bars.
export function normalize(hist, requested) {
  const raw = Array.isArray(hist?.buckets) ? hist.buckets : [];
  let interval = hist?.interval;
  if (!['day', 'week', 'month', 'year'].includes(interval)) {
    interval = requested !== 'auto' ? requested : guessInterval(raw[0]?.start ?? '');
  }
  const counts = new Map();
  for (const b of raw) {
    const d = parseStart(b?.start);
    if (!d) continue;
    const key = ymd(align(d, interval));
    counts.set(key, (counts.get(key) ?? 0) + (Number(b.count) || 0));
  }
  const keys = [...counts.keys()].sort();
  let bars = keys.map((k) => ({ start: parseStart(k), count: counts.get(k) }));
  if (keys.length > 1) {
    const filled = [];
    const last = parseStart(keys[keys.length - 1]);
    for (let d = parseStart(keys[0]); d <= last && filled.length <= MAX_FILL; d = step(d, interval)) {
      filled.push({ start: d, count: counts.get(ymd(d)) ?? 0 });
    }
    if (filled.length <= MAX_FILL) bars = filled;
  }
  for (const b of bars) Object.assign(b, bucketRange(b.start, interval), { label: bucketLabel(b.start, interval) });
  return { interval, bars, undated: Number(hist?.undated) || 0 };
}

// datingNote says what the bars leave out or place by convention: undated
// hits, and hits dated by a year or a month only at a finer interval, which
// the API counts in the bar of their first day (histogram.imprecise).
export function datingNote(hist) {
  const undated = Number(hist?.undated) || 0;
  const imprecise = Number(hist?.imprecise) || 0;
  const parts = [];
  if (undated) parts.push(plural(undated, 'undated', 'undated'));
  if (imprecise) parts.push(`${plural(imprecise, 'dated by year or month only', 'dated by year or month only')}, in the bar of its first day`);
  return parts.join(' · ');
}

// Histogram renders into the bars and axis elements and reports ranges.
export class Histogram {
  constructor(barsEl, axisEl, { onRange, noun }) {
    this.barsEl = barsEl;
    this.axisEl = axisEl;
    this.onRange = onRange;
    this.noun = noun;
    this.bars = [];
    this.drag = null;
    barsEl.addEventListener('pointerdown', (e) => this.down(e));
    barsEl.addEventListener('pointermove', (e) => this.move(e));
    barsEl.addEventListener('pointerup', (e) => this.up(e));
    barsEl.addEventListener('pointercancel', () => this.cancel());
    // One tab stop for the whole chart; arrow keys move between bars.
    barsEl.addEventListener('keydown', (e) => this.key(e));
  }

  key(e) {
    const els = [...this.barsEl.querySelectorAll('.bar')];
    const i = els.indexOf(document.activeElement);
    if (i < 0) return;
    const to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: els.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const j = Math.max(0, Math.min(els.length - 1, to));
    els[i].tabIndex = -1;
    els[j].tabIndex = 0;
    els[j].focus();
  }

  indexAt(e) {
    const els = this.barsEl.querySelectorAll('.bar');
    if (!els.length) return -1;
    let best = -1;
    let bestDist = Infinity;
    els.forEach((el, i) => {
      const r = el.getBoundingClientRect();
      const d = e.clientX < r.left ? r.left - e.clientX : e.clientX > r.right ? e.clientX - r.right : 0;
      if (d < bestDist) {
        best = i;
        bestDist = d;
      }
    });
    return best;
  }

  down(e) {
    if (e.button !== 0 || !this.bars.length) return;
    const i = this.indexAt(e);
    if (i < 0) return;
    this.drag = { start: i, end: i, id: e.pointerId };
    this.barsEl.setPointerCapture?.(e.pointerId);
    this.paintDrag();
  }

  move(e) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    const i = this.indexAt(e);
    if (i >= 0 && i !== this.drag.end) {
      this.drag.end = i;
      this.paintDrag();
    }
  }

  up(e) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    const { start, end } = this.drag;
    this.cancel();
    const lo = this.bars[Math.min(start, end)];
    const hi = this.bars[Math.max(start, end)];
    if (lo && hi) this.onRange(lo.from, hi.to);
  }

  cancel() {
    this.drag = null;
    this.paintDrag();
  }

  paintDrag() {
    const [lo, hi] = this.drag ? [Math.min(this.drag.start, this.drag.end), Math.max(this.drag.start, this.drag.end)] : [-1, -1];
    this.barsEl.querySelectorAll('.bar').forEach((el, i) => el.classList.toggle('dragging', i >= lo && i <= hi));
  }

  render(hist, requested, from, to, mode) {
    const { interval, bars } = normalize(hist, requested);
    this.bars = bars;
    const max = Math.max(1, ...bars.map((b) => b.count));
    const noun = mode === 'quotes' ? ['quote', 'quotes'] : ['article', 'articles'];
    this.barsEl.setAttribute('aria-label', `${noun[1][0].toUpperCase()}${noun[1].slice(1)} per ${interval}; choose a bar (arrow keys move between bars) or drag across bars to filter by date`);
    const nodes = bars.map((b, i) => {
      const inRange = (from || to) && (!from || b.from >= from) && (!to || b.to <= to);
      const label = `${b.label}: ${fmtNum(b.count)} ${b.count === 1 ? noun[0] : noun[1]}`;
      const fill = h('span', { class: 'fill' });
      fill.style.height = `${b.count ? Math.max(2, (b.count / max) * 100) : 0}%`;
      return h('button', {
        type: 'button', class: `bar${inRange ? ' in-range' : ''}${b.count ? '' : ' zero'}`,
        title: label, 'aria-label': label, dataset: { from: b.from, to: b.to, i: String(i) },
        // Mouse and touch go through pointer events on the container; a
        // click with detail 0 comes from the keyboard (Enter or Space).
        onclick: (e) => { if (e.detail === 0) this.onRange(b.from, b.to); },
      }, fill);
    });
    const stop = Math.max(0, nodes.findIndex((n) => n.classList.contains('in-range')));
    nodes.forEach((n, i) => { n.tabIndex = i === stop ? 0 : -1; });
    this.barsEl.replaceChildren(...nodes);
    this.barsEl.classList.toggle('dense', bars.length > 60);
    // The y scale: the tallest bar's count, half of it, zero.
    const y = this.barsEl.parentElement?.querySelector('.yaxis');
    if (y) {
      y.replaceChildren(...(bars.length ? [fmtNum(max), max >= 4 ? fmtNum(Math.round(max / 2)) : '', '0'] : []).map((t) => h('span', { text: t })));
    }
    const ticks = [];
    if (bars.length) {
      const n = Math.min(bars.length, Math.max(2, Math.floor((this.barsEl.clientWidth || 600) / 110)));
      const idx = n === 1 ? [0] : [...new Set(Array.from({ length: n }, (_, k) => Math.round((k * (bars.length - 1)) / (n - 1))))];
      for (const i of idx) {
        const t = h('span', { class: 'tick', text: bars[i].label.replace('week of ', '') });
        ticks.push([t, i]);
      }
    }
    this.axisEl.replaceChildren(...ticks.map(([t]) => t));
    // Place the ticks under their bars (bars are centred and capped in width).
    const axis = this.axisEl.getBoundingClientRect();
    const barEls = this.barsEl.querySelectorAll('.bar');
    for (const [t, i] of ticks) {
      const r = barEls[i].getBoundingClientRect();
      const w = t.getBoundingClientRect().width;
      const left = Math.max(0, Math.min(axis.width - w, r.left + r.width / 2 - axis.left - w / 2));
      t.style.left = `${left}px`;
    }
    return { interval, count: bars.length };
  }
}
