import { parseStatsQuery, type StatsQueryInput } from '../query-spec.ts';
import { runRolledUpQuery } from '../rollups/run-rolled-up-query.ts';
import { runStatsQuery, type StatsRow } from '../run-stats-query.ts';
import type { PanelContext } from './panel-context.ts';

/**
 * A panel's stats query. The unfiltered overview is what every visit to the dashboard asks for,
 * so it is answered from daily rollups; a filtered view (someone clicked a row) reads the events,
 * so rollups do not pile up for every filter ever tried.
 */
export function runPanelQuery(context: PanelContext, input: StatsQueryInput): Promise<StatsRow[]> {
  const query = parseStatsQuery(input);
  return context.filters.length === 0
    ? runRolledUpQuery(context.store, query, context.now)
    : runStatsQuery(context.store, query);
}
