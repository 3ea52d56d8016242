import { cascadesPanel } from './cascades-panel.ts';
import { goalsPanel } from './goals-panel.ts';
import { headlinePanel } from './headline-panel.ts';
import type { PanelContext } from './panel-context.ts';
import type { OverviewResponse, RealtimePanel, TablePanel } from './panel-types.ts';
import { previewsPanel } from './previews-panel.ts';
import { realtimePanel } from './realtime-panel.ts';
import { channelsPanel, dimensionPanel } from './table-panel.ts';
import { timeseriesPanel } from './timeseries-panel.ts';

/** Every panel the dashboard can ask for by name (`/panels/:name`). */
export const PANELS = {
  headline: headlinePanel,
  timeseries: timeseriesPanel,
  channels: channelsPanel,
  pages: (context: PanelContext): Promise<TablePanel> => dimensionPanel(context, 'page'),
  entry_pages: (context: PanelContext) => dimensionPanel(context, 'entry_page'),
  referrers: (context: PanelContext) => dimensionPanel(context, 'referrer_host'),
  utm_campaigns: (context: PanelContext) => dimensionPanel(context, 'utm_campaign'),
  devices: (context: PanelContext) => dimensionPanel(context, 'device'),
  browsers: (context: PanelContext) => dimensionPanel(context, 'browser'),
  previews: previewsPanel,
  cascades: cascadesPanel,
  goals: goalsPanel,
  realtime: (context: PanelContext): Promise<RealtimePanel> => realtimePanel(context),
} as const;

export type PanelName = keyof typeof PANELS;

export const isPanelName = (name: string): name is PanelName => Object.hasOwn(PANELS, name);

/** The overview's panels at once (the API's `/overview` and the stats benchmark). */
export async function computeOverview(context: PanelContext): Promise<OverviewResponse> {
  const [headline, timeseries, channels, pages, previews, cascades, goals] = await Promise.all([
    headlinePanel(context),
    timeseriesPanel(context),
    channelsPanel(context),
    dimensionPanel(context, 'page'),
    previewsPanel(context),
    cascadesPanel(context),
    goalsPanel(context),
  ]);
  return { headline, timeseries, channels, pages, previews, cascades, goals };
}
