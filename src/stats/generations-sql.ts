import type { StatsQuery } from './query-spec.ts';

/**
 * A page view's or link click's place in its share cascade: 0 when it arrived with no share
 * token, else one more than the view whose token it carried (1 for the people a sharer shared
 * with, 2 for those they shared with…), as `buildCascadeTree` counts. A token nobody minted here
 * (a forged or foreign one) is a generation 0 of its own; a loop of forged tokens has no root
 * and stays at 0.
 */
export const GENERATION_SQL = 'coalesce(g.generation, 0)';

/** Whether `query` groups, filters or measures by generation (then `generations` is joined). */
export const needsGenerations = (query: StatsQuery): boolean =>
  query.dimensions.includes('generation') ||
  query.filters.some((filter) => filter.dimension === 'generation') ||
  query.metrics.includes('cascade_depth');

/** Cascades are never cut short on purpose; this only stops a forged loop from running on. */
const MAX_GENERATION = 1000;

/**
 * Every token's generation over the site's whole history (a cascade seen in the range may have
 * begun before it), by a recursive walk down the share edges from the first generation. Portable:
 * DuckDB and ClickHouse (24.4 and later) both run `WITH RECURSIVE` in a subquery.
 */
export function generationsCte(site: string): string {
  return (
    'generations AS (SELECT token, min(generation) AS generation FROM (' +
    'WITH RECURSIVE edges AS (SELECT DISTINCT e.view_token AS child, e.parent_token AS parent ' +
    `FROM events e WHERE e.site_id = ${site} AND e.parent_token <> '' AND e.view_token <> '' ` +
    "AND e.name IN ('pageview', 'click')), " +
    'chain AS (SELECT child AS token, 1 AS generation FROM edges ' +
    'WHERE parent NOT IN (SELECT child FROM edges) ' +
    'UNION ALL SELECT edges.child AS token, chain.generation + 1 AS generation ' +
    'FROM edges JOIN chain ON edges.parent = chain.token ' +
    `WHERE chain.generation < ${MAX_GENERATION}) ` +
    'SELECT token, generation FROM chain) walked GROUP BY token)'
  );
}
