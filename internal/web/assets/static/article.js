// Article view: text with its quotes marked, entities, countries, quotes.

import { h, fmtDate, fmtNum, safeHref } from './dom.js';
import { speakerChip } from './results.js';

const TYPES = [['person', 'People'], ['org', 'Organizations'], ['place', 'Places']];

// bodyNodes marks the quotes and the query's matches (byte offsets into the
// UTF-8 body) in body: a quote is a <mark class="qspan">, a match a <mark
// class="match" data-match="k">, inside a quote's mark when it falls in one
// (a match across a quote's edge is two marks with the same k).
export function bodyNodes(body, quotes, matches = []) {
  const bytes = new TextEncoder().encode(body);
  const dec = new TextDecoder();
  const valid = (s) => Number.isInteger(s?.start) && Number.isInteger(s?.end) && s.start >= 0 && s.start < s.end && s.end <= bytes.length;
  // Overlapping spans of one kind: keep the first.
  const disjoint = (spans) => {
    const out = [];
    let pos = 0;
    for (const sp of spans.filter(({ s }) => valid(s)).sort((a, b) => a.s.start - b.s.start)) {
      if (sp.s.start < pos) continue;
      out.push(sp);
      pos = sp.s.end;
    }
    return out;
  };
  const qs = disjoint(quotes.map((s, i) => ({ s, i })));
  const ms = disjoint(matches.map((s, i) => ({ s, i })));
  const cuts = new Set([0, bytes.length]);
  for (const { s } of [...qs, ...ms]) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  let cur = null; // the quote mark being filled
  let qi = 0;
  let mi = 0;
  for (let j = 0; j + 1 < points.length; j++) {
    const a = points[j];
    const text = dec.decode(bytes.subarray(a, points[j + 1]));
    while (qi < qs.length && qs[qi].s.end <= a) qi++;
    while (mi < ms.length && ms[mi].s.end <= a) mi++;
    const q = qi < qs.length && qs[qi].s.start <= a ? qs[qi] : null;
    const m = mi < ms.length && ms[mi].s.start <= a ? ms[mi] : null;
    const node = m ? h('mark', { class: 'match', dataset: { match: String(m.i) } }, text) : text;
    if (!q) {
      cur = null;
      out.push(node);
      continue;
    }
    if (cur?.i !== q.i) {
      const who = q.s.speaker?.name || q.s.speaker_as_written || 'unattributed';
      cur = {
        i: q.i,
        el: h('mark', {
          class: q.s.scare ? 'qspan scare' : 'qspan', id: `quote-${q.i}`, title: q.s.scare ? `In quotation marks — ${who}` : `Quote — ${who}`,
          tabindex: '-1', dataset: { quoteId: q.s.id ?? '' },
        }),
      };
      out.push(cur.el);
    }
    cur.el.append(node);
  }
  return out;
}

// matchNav is the "n matches ‹ ›" bar of the reading view: it moves to the
// previous or next match of the query in the article, wrapping around.
function matchNav(container, n) {
  let at = -1;
  const count = h('span', { class: 'count', text: `${n} ${n === 1 ? 'match' : 'matches'}`, 'aria-live': 'polite' });
  const go = (step) => {
    const groups = [...new Set([...container.querySelectorAll('mark.match')].map((el) => el.dataset.match))];
    if (!groups.length) return;
    at = (at + step + groups.length) % groups.length;
    for (const el of container.querySelectorAll('mark.match.current')) el.classList.remove('current');
    const els = container.querySelectorAll(`mark.match[data-match="${CSS.escape(groups[at])}"]`);
    for (const el of els) el.classList.add('current');
    els[0].scrollIntoView({ block: 'center' });
    count.textContent = `match ${at + 1} of ${groups.length}`;
  };
  return h('div', { class: 'match-nav', role: 'group', 'aria-label': 'Matches of the query' },
    count,
    h('button', { type: 'button', class: 'prev', title: 'Previous match', 'aria-label': 'Previous match', onclick: () => go(-1), text: '‹' }),
    h('button', { type: 'button', class: 'next', title: 'Next match', 'aria-label': 'Next match', onclick: () => go(1), text: '›' }));
}

function filterChip(label, count, onclick, title) {
  return h('li', null, h('button', { type: 'button', class: 'chip', title, onclick },
    label, typeof count === 'number' ? h('span', { class: 'count', text: fmtNum(count) }) : null));
}

// renderArticle fills container. ctx: onBack(), onFilter(field, value, label), onSpeaker(id, name).
export function renderArticle(container, art, ctx) {
  const entities = Array.isArray(art.entities) ? art.entities : [];
  const countries = Array.isArray(art.countries) ? art.countries : [];
  const quotes = Array.isArray(art.quotes) ? art.quotes : [];
  // Scare quotes (one or two words) are marked in the text, not listed.
  const cards = quotes.map((q, i) => ({ q, i })).filter(({ q }) => !q.scare);
  const url = safeHref(art.url);
  const authors = Array.isArray(art.authors) ? art.authors.filter((a) => typeof a === 'string') : [];
  const side = [];
  for (const [type, title] of TYPES) {
    const ents = entities.filter((e) => e && e.type === type && e.id);
    if (!ents.length) continue;
    side.push(h('section', { class: 'entities' }, h('h3', { text: title }),
      h('ul', { class: 'chips' }, ents.map((e) => filterChip(e.name || e.id, e.count, () => ctx.onFilter(type, e.id, e.name || e.id),
        `Search articles mentioning ${e.name || e.id}${e.role ? ` (${e.role})` : ''}`)))));
  }
  if (countries.length) {
    side.push(h('section', { class: 'entities' }, h('h3', { text: 'Countries' }),
      h('ul', { class: 'chips' }, countries.filter((c) => c && c.code).map((c) => filterChip(c.name || c.code, c.count,
        () => ctx.onFilter('country', c.code, c.name || c.code), `Search articles about ${c.name || c.code}`)))));
  }
  const body = typeof art.body === 'string' ? art.body : '';
  const title = typeof art.title === 'string' && art.title ? art.title : '';
  const matches = Array.isArray(art.matches) ? art.matches : [];
  const bodyMatches = matches.filter((m) => m?.field === 'body');
  const titleMatches = matches.filter((m) => m?.field === 'title');
  const nMatches = bodyMatches.length + titleMatches.length;
  container.replaceChildren(
    h('div', { class: 'article-head' },
      h('button', { type: 'button', class: 'back', onclick: () => ctx.onBack(), text: '← Back to results' }),
      nMatches ? matchNav(container, nMatches) : null),
    h('article', { class: 'article', 'aria-labelledby': 'article-title' },
      h('h2', { id: 'article-title', tabindex: '-1' }, title ? bodyNodes(title, [], titleMatches) : `(untitled ${art.id})`),
      h('p', { class: 'meta' },
        art.source ? h('span', { class: 'source', text: art.source }) : null,
        art.published ? h('time', { datetime: art.published, text: fmtDate(art.published, art.date_precision) }) : h('span', { class: 'undated', text: 'undated' }),
        authors.length ? h('span', { class: 'authors', text: `by ${authors.join(', ')}` }) : null,
        Array.isArray(art.speakers) && art.speakers.length ? h('span', { class: 'doc-speakers' }, 'spoken by ',
          art.speakers.filter((sp) => sp && sp.id).map((sp, i) => [i ? ', ' : '', speakerChip({ speaker: sp }, ctx)])) : null,
        url ? h('a', { href: url, class: 'external', rel: 'noopener noreferrer', target: '_blank', text: 'original ↗' }) : null),
      h('div', { class: 'article-grid' },
        h('div', { class: 'body' }, bodyNodes(body, quotes, bodyMatches)),
        h('aside', { class: 'article-side', 'aria-label': 'Entities and quotes' },
          side,
          cards.length ? h('section', { class: 'article-quotes' }, h('h3', { text: `Quotes (${cards.length})` }),
            h('ol', null, cards.map(({ q, i }) => h('li', { class: 'quote' },
              h('blockquote', null, h('a', {
                href: `#quote-${i}`, class: 'quote-link', text: q.text || '',
                onclick: (e) => {
                  const el = document.getElementById(`quote-${i}`);
                  if (!el) return;
                  e.preventDefault();
                  el.scrollIntoView({ block: 'center' });
                  el.focus({ preventScroll: true });
                },
              })),
              h('p', { class: 'said' }, speakerChip(q, ctx), q.cue ? h('span', { class: 'cue', text: `${q.cue}${q.kind === 'indirect' ? ' · indirect' : ''}` }) : null))))) : null,
          !side.length && !cards.length ? h('p', { class: 'muted', text: 'No entities or quotes found in this article.' }) : null))));
}
