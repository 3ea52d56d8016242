import { formatDay, RANGE_LABELS } from './date-range.ts';
import { el } from './dom.ts';
import { type OverviewQuery, RANGES } from './route.ts';

/**
 * The date range (a native select: keyboard and screen readers for free), custom dates, and
 * the "compare with the previous period" switch.
 */
export function rangePicker(
  query: OverviewQuery,
  range: { from: number; to: number },
  change: (next: Partial<OverviewQuery>) => void,
): HTMLElement {
  const select = el(
    'select',
    { attrs: { id: 'range', 'data-key': 'range' } },
    ...RANGES.map((key) =>
      el('option', {
        text: RANGE_LABELS[key],
        attrs: { value: key, selected: key === query.range },
      }),
    ),
  );
  const from = el('input', {
    attrs: {
      type: 'date',
      id: 'range-from',
      value: query.from || formatDay(range.from),
      'data-key': 'range-from',
    },
  });
  const to = el('input', {
    attrs: {
      type: 'date',
      id: 'range-to',
      value: query.to || formatDay(range.to - 1),
      'data-key': 'range-to',
    },
  });
  const apply = el('button', {
    class: 'button small',
    text: 'Apply',
    attrs: { type: 'submit', 'data-key': 'range-apply' },
  });
  const custom = el(
    'form',
    {
      class: 'custom-range',
      attrs: { hidden: query.range !== 'custom', 'aria-label': 'Custom range' },
    },
    el('label', { attrs: { for: 'range-from' } }, 'From'),
    from,
    el('label', { attrs: { for: 'range-to' } }, 'To'),
    to,
    apply,
  );
  custom.addEventListener('submit', (event) => {
    event.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(from.value) && /^\d{4}-\d{2}-\d{2}$/.test(to.value)) {
      change({ range: 'custom', from: from.value, to: to.value });
    }
  });
  select.addEventListener('change', () => {
    if (select.value === 'custom') {
      custom.hidden = false;
      from.focus();
      return;
    }
    change({ range: select.value as OverviewQuery['range'], from: '', to: '' });
  });
  const compare = el('input', {
    attrs: { type: 'checkbox', id: 'compare', checked: query.compare, 'data-key': 'compare' },
  });
  compare.addEventListener('change', () => change({ compare: compare.checked }));
  return el(
    'div',
    { class: 'range-picker' },
    el('label', { attrs: { for: 'range' }, class: 'visually-hidden' }, 'Date range'),
    select,
    custom,
    el('label', { class: 'compare' }, compare, ' Compare with previous period'),
  );
}
