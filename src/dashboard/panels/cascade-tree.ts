import type { CascadeTreeNode, CascadeTreeResponse } from '../../server/api-types.ts';
import { el } from '../dom.ts';
import { formatMinutes, formatNumber } from '../format.ts';

/** Nodes drawn at most; a bigger cascade says how many more there are. */
const MAX_NODES = 400;

/**
 * One page's spread as nested lists: the root sharer, the people who arrived through them (by
 * channel, with the time it took), the people those shared with, and so on.
 */
export function cascadeTree(tree: CascadeTreeResponse): HTMLElement {
  let drawn = 0;
  const node = (item: CascadeTreeNode, parentPath: string): HTMLElement => {
    drawn++;
    const label =
      item.generation === 0
        ? el(
            'span',
            { class: 'node-label' },
            el('strong', { text: 'First sharer' }),
            ` ${item.path || ''}`,
          )
        : el(
            'span',
            { class: 'node-label' },
            el('span', { class: 'badge', text: item.channel || 'unknown' }),
            ` generation ${item.generation}`,
            item.timeToClickMs === null
              ? ''
              : `, ${formatMinutes(item.timeToClickMs)} after the share`,
            // The path only where it changed (a share from one page to another).
            item.path && item.path !== parentPath
              ? el('span', { class: 'node-path', text: ` ${item.path}` })
              : null,
          );
    const children: HTMLElement[] = [];
    for (const child of item.children) {
      if (drawn >= MAX_NODES) break;
      children.push(node(child, item.path || parentPath));
    }
    return el(
      'li',
      { attrs: { 'data-generation': item.generation } },
      label,
      children.length > 0 ? el('ul', {}, ...children) : null,
    );
  };
  const list = el(
    'ul',
    { class: 'tree', attrs: { 'aria-label': 'Share cascade' } },
    node(tree.root, tree.root.path),
  );
  return el(
    'div',
    { class: 'cascade-tree', attrs: { 'data-testid': 'cascade-tree' } },
    el(
      'p',
      { class: 'panel-note' },
      `${formatNumber(tree.size)} page views, ${tree.depth} generations deep, at most ${tree.breadth} in one generation.`,
    ),
    list,
    drawn < tree.size
      ? el('p', { class: 'more', text: `First ${drawn} of ${tree.size} shown.` })
      : null,
  );
}
