import type { HeadlinePanel, Totals } from '../../server/api-types.ts';
import { csvFileName, downloadCsv, toCsv } from '../csv.ts';
import { el } from '../dom.ts';
import { change, formatChange, formatDuration, formatNumber, formatPercent } from '../format.ts';
import { loadPanel, type OverviewContext } from '../overview-context.ts';
import { panelFrame } from '../panel-frame.ts';

const TILES: {
  key: keyof Totals;
  label: string;
  format: (n: number) => string;
  lowerIsBetter?: boolean;
}[] = [
  { key: 'visitors', label: 'Visitors', format: formatNumber },
  { key: 'visits', label: 'Visits', format: formatNumber },
  { key: 'pageviews', label: 'Pageviews', format: formatNumber },
  { key: 'shares', label: 'Shares', format: formatNumber },
  { key: 'previews', label: 'Link previews', format: formatNumber },
  { key: 'bounce_rate', label: 'Bounce rate', format: formatPercent, lowerIsBetter: true },
  { key: 'visit_duration', label: 'Visit duration', format: formatDuration },
];

function delta(
  now: number,
  before: number | undefined,
  format: (n: number) => string,
  lowerIsBetter = false,
): HTMLElement | null {
  if (before === undefined) return null;
  const value = change(now, before);
  if (value === null) {
    // Nothing in the previous period to compare with.
    return el('span', {
      class: 'delta flat',
      text: 'new',
      attrs: { title: 'Nothing in the previous period' },
    });
  }
  const good = lowerIsBetter ? value < 0 : value > 0;
  return el('span', {
    class: `delta ${value === 0 ? 'flat' : good ? 'up' : 'down'}`,
    text: formatChange(value),
    attrs: { title: `Change against the previous period (${format(before)})` },
  });
}

/** The headline: what GA4 calls Direct, and how much of it is dark social; then the totals. */
export function renderHeadlinePanel(ctx: OverviewContext): HTMLElement {
  const frame = panelFrame('headline', 'Dark social at a glance', true);
  loadPanel<HeadlinePanel>(
    ctx,
    'headline',
    (panel) => {
      const { totals, previous } = panel;
      const sentence = el(
        'p',
        { class: 'headline-sentence', attrs: { 'data-testid': 'ga4-headline' } },
        'Of what GA4 would call Direct, ',
        el('strong', { class: 'accent', text: formatPercent(panel.darkShareOfDirect) }),
        ' is dark social, ',
        el('strong', { text: formatPercent(panel.confirmedShareOfDirect) }),
        ' confirmed by evidence.',
      );
      const context = el(
        'p',
        { class: 'headline-context' },
        `${formatNumber(panel.ga4DirectVisits)} visits would be "Direct" in GA4. Dark social is `,
        el('strong', { text: formatPercent(panel.darkShare) }),
        ' of all visits.',
      );
      const tiles = el(
        'dl',
        { class: 'tiles' },
        el(
          'div',
          { class: 'tile accent-tile' },
          el('dt', { text: 'Dark social share' }),
          el('dd', {}, el('span', { class: 'value', text: formatPercent(panel.darkShare) })),
        ),
        ...TILES.map((tile) =>
          el(
            'div',
            { class: 'tile', attrs: { 'data-metric': tile.key } },
            el('dt', { text: tile.label }),
            el(
              'dd',
              {},
              el('span', { class: 'value', text: tile.format(totals[tile.key]) }),
              previous
                ? delta(totals[tile.key], previous[tile.key], tile.format, tile.lowerIsBetter)
                : null,
            ),
          ),
        ),
      );
      frame.show(sentence, context, tiles);
      frame.exportWith(() =>
        downloadCsv(
          csvFileName(ctx.siteLabel, 'headline', ctx.params.from, ctx.params.to),
          toCsv(
            ['metric', 'value', 'previous'],
            [
              ...TILES.map((tile) => [
                tile.key,
                totals[tile.key],
                previous ? previous[tile.key] : null,
              ]),
              ['ga4_direct_visits', panel.ga4DirectVisits, null],
              ['dark_share_of_direct', panel.darkShareOfDirect, null],
              ['confirmed_share_of_direct', panel.confirmedShareOfDirect, null],
              ['dark_share', panel.darkShare, null],
            ],
          ),
        ),
      );
    },
    (message) => frame.failed(message),
  );
  return frame.section;
}
