import { type Child, el } from './dom.ts';

export interface Column<R> {
  label: string;
  cell: (row: R) => Child;
  numeric?: boolean;
  /** The first column is the row header (`<th scope="row">`). */
}

/** A real `<table>` (caption, column and row headers) that scrolls sideways on a phone. */
export function dataTable<R>(caption: string, columns: Column<R>[], rows: R[]): HTMLElement {
  const head = el(
    'tr',
    {},
    ...columns.map((column) =>
      el('th', { class: column.numeric ? 'num' : '', text: column.label, attrs: { scope: 'col' } }),
    ),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      {},
      ...columns.map((column, index) =>
        index === 0
          ? el('th', { attrs: { scope: 'row' } }, column.cell(row))
          : el('td', { class: column.numeric ? 'num' : '' }, column.cell(row)),
      ),
    ),
  );
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      {},
      el('caption', { class: 'visually-hidden', text: caption }),
      el('thead', {}, head),
      el('tbody', {}, ...body),
    ),
  );
}

/** A thin horizontal bar for a 0..1 share, drawn in SVG (no style attributes under the CSP). */
export function shareBar(share: number, colourClass = 'c-dark_social'): SVGSVGElement {
  const width = Math.max(0, Math.min(100, share * 100));
  const ns = 'http://www.w3.org/2000/svg';
  const bar = document.createElementNS(ns, 'svg');
  bar.setAttribute('class', 'share-bar');
  bar.setAttribute('viewBox', '0 0 100 6');
  bar.setAttribute('preserveAspectRatio', 'none');
  bar.setAttribute('aria-hidden', 'true');
  const track = document.createElementNS(ns, 'rect');
  track.setAttribute('class', 'track');
  track.setAttribute('width', '100');
  track.setAttribute('height', '6');
  const fill = document.createElementNS(ns, 'rect');
  fill.setAttribute('class', colourClass);
  fill.setAttribute('width', String(width));
  fill.setAttribute('height', '6');
  bar.append(track, fill);
  return bar;
}
