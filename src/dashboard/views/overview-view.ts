import type { PanelFilter } from '../../server/api-types.ts';
import type { AppContext, View } from '../app-context.ts';
import { dimensionLabel } from '../classes.ts';
import { resolveRange } from '../date-range.ts';
import { el } from '../dom.ts';
import { filterChips } from '../filter-chips.ts';
import type { OverviewContext } from '../overview-context.ts';
import { renderCascadesPanel } from '../panels/cascades-panel.ts';
import { renderGoalsPanel } from '../panels/goals-panel.ts';
import { renderHeadlinePanel } from '../panels/headline-panel.ts';
import { renderRealtimePanel } from '../panels/realtime-panel.ts';
import { renderTablePanel } from '../panels/table-panel.ts';
import { renderPreviewsPanel, renderTimeseriesPanel } from '../panels/timeseries-panel.ts';
import { rangePicker } from '../range-picker.ts';
import { formatHash, type OverviewQuery } from '../route.ts';

/**
 * The overview of one site: controls, filter chips, then every panel requested on its own and
 * drawn as it arrives (the headline never waits for the slowest table).
 */
export function overviewView(app: AppContext, domain: string, query: OverviewQuery): View {
  let current = true;
  const teardowns: (() => void)[] = [];
  const range = resolveRange(query);
  const go = (next: Partial<OverviewQuery>) =>
    app.navigate({ view: 'overview', domain, query: { ...query, cascade: '', ...next } });

  const siteLabel = app.mode === 'public' ? app.title : domain;
  const ctx: OverviewContext = {
    api: app.api,
    domain,
    siteLabel,
    query,
    params: { from: range.from, to: range.to, filters: query.filters, compare: query.compare },
    addFilter(...added) {
      // One value per dimension and op: a click on another channel replaces the channel filter.
      const replaced = (f: PanelFilter) =>
        added.some((a) => a.dimension === f.dimension && a.op === f.op);
      const next = [...query.filters.filter((f) => !replaced(f)), ...added];
      const same = (a: PanelFilter, b: PanelFilter) =>
        a.dimension === b.dimension && a.op === b.op && a.value === b.value;
      if (
        next.length !== query.filters.length ||
        next.some((f, i) => !same(f, query.filters[i]!))
      ) {
        const names = added.map((f) => `${dimensionLabel(f.dimension)} ${f.value}`);
        app.announce(`Filtered by ${names.join(' and ')}.`);
        go({ filters: next });
      }
    },
    showCascade(token) {
      // Kept in the address (shareable) without reloading the panels.
      const hash = formatHash({ view: 'overview', domain, query: { ...query, cascade: token } });
      if (location.hash !== hash) history.replaceState(history.state, '', hash);
    },
    isCurrent: () => current,
    onTeardown: (fn) => teardowns.push(fn),
  };

  const heading = el(
    'div',
    { class: 'site-heading' },
    el('h1', { text: siteLabel }),
    app.mode === 'app' && app.me && app.me.sites.length > 1
      ? siteSwitcher(app, domain, query)
      : null,
    app.mode === 'public' ? el('span', { class: 'badge', text: 'Read-only' }) : null,
    app.mode === 'app'
      ? el('a', {
          class: 'button small subtle',
          text: 'Settings',
          attrs: { href: formatHash({ view: 'settings', domain }), 'data-key': 'settings-link' },
        })
      : null,
    app.mode === 'app'
      ? el('a', {
          class: 'button small subtle',
          text: 'Inbox',
          attrs: { href: formatHash({ view: 'inbox', domain }), 'data-key': 'inbox-link' },
        })
      : null,
  );
  const controls = el(
    'div',
    { class: 'controls' },
    rangePicker(query, range, go),
    filterChips(query.filters, (index) => {
      app.announce('Filter removed.');
      go({ filters: query.filters.filter((_, i) => i !== index) });
    }),
  );
  const grid = el(
    'div',
    { class: 'grid' },
    renderHeadlinePanel(ctx),
    renderRealtimePanel(ctx),
    renderTimeseriesPanel(ctx),
    renderTablePanel(ctx, { name: 'channels', title: 'Channels' }),
    renderTablePanel(ctx, { name: 'pages', title: 'Top pages by dark share', byDarkShare: true }),
    renderTablePanel(ctx, { name: 'entry_pages', title: 'Entry pages' }),
    renderTablePanel(ctx, { name: 'referrers', title: 'Referrers' }),
    renderTablePanel(ctx, { name: 'utm_campaigns', title: 'Campaigns' }),
    renderTablePanel(ctx, { name: 'devices', title: 'Devices' }),
    renderTablePanel(ctx, { name: 'browsers', title: 'Browsers' }),
    renderPreviewsPanel(ctx),
    renderCascadesPanel(ctx),
    renderGoalsPanel(ctx),
  );
  return {
    element: el('div', { class: 'overview' }, heading, controls, grid),
    teardown() {
      current = false;
      for (const fn of teardowns) fn();
    },
  };
}

function siteSwitcher(app: AppContext, domain: string, query: OverviewQuery): HTMLElement {
  const select = el(
    'select',
    { attrs: { id: 'site-switch', 'data-key': 'site-switch' } },
    ...(app.me?.sites ?? []).map((site) =>
      el('option', {
        text: site.domain,
        attrs: { value: site.domain, selected: site.domain === domain },
      }),
    ),
  );
  select.addEventListener('change', () =>
    app.navigate({
      view: 'overview',
      domain: select.value,
      query: { ...query, filters: [], cascade: '' },
    }),
  );
  return el(
    'span',
    { class: 'site-switch' },
    el('label', { class: 'visually-hidden', attrs: { for: 'site-switch' } }, 'Site'),
    select,
  );
}
