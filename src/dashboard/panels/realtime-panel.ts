import type { RealtimePanel } from '../../server/api-types.ts';
import { el, replace } from '../dom.ts';
import { formatNumber } from '../format.ts';
import type { OverviewContext } from '../overview-context.ts';

/** How often the realtime count is asked for (the brief: every 10–15 s). */
export const REALTIME_POLL_MS = 12_000;
const WINDOW_MS = 5 * 60_000;

/**
 * "N visitors now", polled; an `aria-live` region announces the count politely when it changes.
 * Polling stops when the view goes away or the tab is hidden.
 */
export function renderRealtimePanel(ctx: OverviewContext): HTMLElement {
  const count = el('span', { class: 'value', text: '…' });
  const noun = el('span', { text: ' visitors in the last 5 minutes' });
  const status = el(
    'p',
    {
      class: 'realtime-count',
      attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'realtime' },
    },
    el('span', { class: 'pulse', attrs: { 'aria-hidden': 'true' } }),
    count,
    noun,
  );
  const pages = el('ol', {
    class: 'realtime-pages',
    attrs: { 'aria-label': 'Pages being read now' },
  });
  const section = el(
    'section',
    {
      class: 'panel realtime',
      attrs: { 'aria-label': 'Realtime visitors', 'data-panel': 'realtime' },
    },
    status,
    pages,
  );
  let last = -1;
  const poll = () => {
    if (document.hidden) return;
    const now = Date.now();
    ctx.api
      .panel<RealtimePanel>(ctx.domain, 'realtime', {
        ...ctx.params,
        from: now - WINDOW_MS,
        to: now,
        compare: false,
      })
      .then(
        (panel) => {
          if (!ctx.isCurrent()) return;
          if (panel.visitors !== last) {
            count.textContent = formatNumber(panel.visitors);
            noun.textContent = ` ${panel.visitors === 1 ? 'visitor' : 'visitors'} in the last 5 minutes`;
          }
          last = panel.visitors;
          replace(
            pages,
            ...panel.pages.map((page) =>
              el(
                'li',
                {},
                el('span', { class: 'page', text: page.page }),
                el('span', { class: 'num', text: formatNumber(page.visitors) }),
              ),
            ),
          );
        },
        () => {
          if (ctx.isCurrent()) count.textContent = '–';
        },
      );
  };
  poll();
  const timer = window.setInterval(poll, REALTIME_POLL_MS);
  const onVisible = () => {
    if (!document.hidden) poll();
  };
  document.addEventListener('visibilitychange', onVisible);
  ctx.onTeardown(() => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });
  return section;
}
