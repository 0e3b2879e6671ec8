// Article view: text with its quotes marked, entities, countries, quotes.

import { h, fmtDate, fmtNum, safeHref } from './dom.js';
import { speakerChip } from './results.js';

const TYPES = [['person', 'People'], ['org', 'Organizations'], ['place', 'Places']];

// bodyNodes marks the quotes (byte offsets into the UTF-8 body) in body.
export function bodyNodes(body, quotes) {
  const bytes = new TextEncoder().encode(body);
  const dec = new TextDecoder();
  const spans = quotes
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => Number.isInteger(q.start) && Number.isInteger(q.end) && q.start >= 0 && q.start < q.end && q.end <= bytes.length)
    .sort((a, b) => a.q.start - b.q.start);
  const out = [];
  let pos = 0;
  for (const { q, i } of spans) {
    if (q.start < pos) continue; // overlapping: keep the first
    out.push(dec.decode(bytes.subarray(pos, q.start)));
    const who = q.speaker?.name || q.speaker_as_written || 'unattributed';
    out.push(h('mark', { class: q.scare ? 'qspan scare' : 'qspan', id: `quote-${i}`, title: q.scare ? `In quotation marks — ${who}` : `Quote — ${who}`, tabindex: '-1', dataset: { quoteId: q.id ?? '' } }, dec.decode(bytes.subarray(q.start, q.end))));
    pos = q.end;
  }
  out.push(dec.decode(bytes.subarray(pos)));
  return out;
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
  container.replaceChildren(
    h('div', { class: 'article-head' },
      h('button', { type: 'button', class: 'back', onclick: () => ctx.onBack(), text: '← Back to results' })),
    h('article', { class: 'article', 'aria-labelledby': 'article-title' },
      h('h2', { id: 'article-title', tabindex: '-1', text: art.title || `(untitled ${art.id})` }),
      h('p', { class: 'meta' },
        art.source ? h('span', { class: 'source', text: art.source }) : null,
        art.published ? h('time', { datetime: art.published, text: fmtDate(art.published) }) : h('span', { class: 'undated', text: 'undated' }),
        authors.length ? h('span', { class: 'authors', text: `by ${authors.join(', ')}` }) : null,
        url ? h('a', { href: url, class: 'external', rel: 'noopener noreferrer', target: '_blank', text: 'original ↗' }) : null),
      h('div', { class: 'article-grid' },
        h('div', { class: 'body' }, bodyNodes(body, quotes)),
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
