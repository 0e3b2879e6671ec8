// Facet panels: counts, multi-select checkboxes, "show more" and a
// value search (prefix autocomplete through /api/v1/facets/{field}).

import { h, fmtNum, debounce } from './dom.js';
import { FACET_FIELDS, FACET_SIZE } from './state.js';
import { isAbort } from './api.js';

export const FACET_TITLES = {
  speaker: 'Speakers', speaker_kind: 'Speaker kind', speaker_country: 'Speaking for', person: 'People', org: 'Organizations',
  place: 'Places', country: 'Countries', source: 'Sources', lang: 'Language',
};

const FIND = {
  speaker: 'Find a speaker…', speaker_kind: 'person, organization, country', speaker_country: 'Find a country…', person: 'Find a person…', org: 'Find an organization…',
  place: 'Find a place…', country: 'Find a country…', source: 'Find a source…',
};

export class Facets {
  // ctx: onToggle(field, value, label, checked), onMore(field, expand),
  // searchValues(field, prefix) -> Promise<{values}>, labels (Map).
  constructor(root, ctx) {
    this.ctx = ctx;
    this.state = null;
    this.panels = new Map();
    const wide = window.matchMedia('(min-width: 800px)').matches;
    for (const field of FACET_FIELDS) {
      const titleId = `facet-${field}-title`;
      const inputId = `facet-${field}-find`;
      const input = h('input', {
        type: 'search', id: inputId, class: 'find', placeholder: FIND[field], autocomplete: 'off', spellcheck: 'false',
        'aria-controls': `facet-${field}-values`,
      });
      const list = h('ul', { class: 'values', id: `facet-${field}-values`, 'aria-labelledby': titleId });
      const note = h('p', { class: 'facet-note', hidden: true });
      const more = h('button', { type: 'button', class: 'link more', 'aria-controls': list.id, hidden: true });
      const badge = h('span', { class: 'badge', hidden: true });
      const details = h('details', { class: 'facet', dataset: { field }, open: wide },
        h('summary', null, h('h2', { id: titleId, text: FACET_TITLES[field] }), badge),
        h('div', { class: 'facet-body' },
          h('label', { for: inputId, class: 'sr-only', text: `Filter ${FACET_TITLES[field].toLowerCase()} by name` }),
          input, list, note, more));
      const panel = { field, details, input, list, note, more, badge, values: [], found: null };
      const find = debounce(() => this.find(panel), 200);
      input.addEventListener('input', () => {
        if (!input.value.trim()) {
          find.cancel();
          panel.found = null;
          this.paint(panel);
        } else find();
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && input.value) {
          e.preventDefault();
          input.value = '';
          panel.found = null;
          this.paint(panel);
        }
      });
      more.addEventListener('click', () => this.ctx.onMore(field, !this.state.more.includes(field)));
      list.addEventListener('change', (e) => {
        const cb = e.target;
        if (!(cb instanceof HTMLInputElement)) return;
        this.ctx.onToggle(field, cb.value, cb.dataset.label, cb.checked);
      });
      root.append(details);
      this.panels.set(field, panel);
    }
  }

  async find(panel) {
    const prefix = panel.input.value.trim();
    if (!prefix || !this.state) return;
    try {
      const res = await this.ctx.searchValues(panel.field, prefix);
      if (panel.input.value.trim() !== prefix) return;
      panel.found = { prefix, values: Array.isArray(res.values) ? res.values : [] };
      this.paint(panel);
    } catch (err) {
      if (isAbort(err)) return;
      panel.found = { prefix, values: [], error: err.message };
      this.paint(panel);
    }
  }

  // render shows the facets of a search response for state.
  render(facets, state) {
    this.state = state;
    for (const panel of this.panels.values()) {
      const vals = facets && Array.isArray(facets[panel.field]) ? facets[panel.field] : [];
      panel.values = vals;
      for (const v of vals) if (v && v.value && v.label) this.ctx.labels.set(`${panel.field}:${v.value}`, v.label);
      if (panel.input.value.trim()) this.find(panel); // refresh matches under the new filters
      this.paint(panel);
    }
  }

  paint(panel) {
    const state = this.state;
    if (!state) return;
    const { field, list, note, more, badge } = panel;
    const selected = state.filters[field] ?? [];
    const searching = panel.found !== null;
    let values = searching ? panel.found.values : panel.values;
    values = values.filter((v) => v && typeof v.value === 'string');
    if (!searching) {
      const shown = new Set(values.map((v) => v.value));
      const missing = selected.filter((v) => !shown.has(v)).map((v) => ({
        value: v, label: this.ctx.labels.get(`${field}:${v}`) ?? v, count: null,
      }));
      values = [...missing, ...values];
    }
    const focused = list.contains(document.activeElement) ? document.activeElement.value : null;
    const items = values.map((v, i) => {
      const id = `facet-${field}-${i}`;
      const label = v.label || v.value;
      return h('li', null,
        h('input', {
          type: 'checkbox', id, value: v.value, checked: selected.includes(v.value),
          dataset: { label },
        }),
        h('label', { for: id, title: label },
          h('span', { class: 'name', text: label }),
          typeof v.count === 'number' ? h('span', { class: 'count', text: fmtNum(v.count) }) : null));
    });
    list.replaceChildren(...items);
    if (focused !== null) {
      const again = [...list.querySelectorAll('input')].find((el) => el.value === focused);
      again?.focus();
    }
    note.hidden = items.length > 0 && !panel.found?.error;
    note.textContent = panel.found?.error
      ? panel.found.error
      : searching ? `No ${FACET_TITLES[field].toLowerCase()} match “${panel.found.prefix}”.`
        : field === 'speaker' ? 'No attributed quotes in these results.' : 'None in these results.';
    const expanded = state.more.includes(field);
    more.hidden = searching || (!expanded && panel.values.length < FACET_SIZE);
    more.textContent = expanded ? 'Show fewer' : 'Show more';
    more.setAttribute('aria-expanded', String(expanded));
    badge.hidden = selected.length === 0;
    badge.textContent = `${selected.length} selected`;
  }
}
