import type { PanelFilter } from '../server/api-types.ts';
import { classLabel, dimensionLabel, OP_LABELS } from './classes.ts';
import { el } from './dom.ts';

/** The active filters as removable chips; each chip's × is a labelled button. */
export function filterChips(filters: PanelFilter[], remove: (index: number) => void): HTMLElement {
  if (filters.length === 0) {
    return el('div', { class: 'chips empty', attrs: { 'data-testid': 'filter-chips' } });
  }
  return el(
    'ul',
    { class: 'chips', attrs: { 'aria-label': 'Active filters', 'data-testid': 'filter-chips' } },
    ...filters.map((filter, index) => {
      const value =
        filter.dimension === 'class' ? classLabel(filter.value) : filter.value || '(none)';
      const text = `${dimensionLabel(filter.dimension)} ${OP_LABELS[filter.op]} ${value}`;
      return el(
        'li',
        { class: 'chip' },
        el('span', { text }),
        el('button', {
          class: 'chip-remove',
          text: '×',
          attrs: {
            type: 'button',
            'aria-label': `Remove filter: ${text}`,
            'data-key': `chip-${index}`,
          },
          on: { click: () => remove(index) },
        }),
      );
    }),
  );
}
