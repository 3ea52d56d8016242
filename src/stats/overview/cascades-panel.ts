import { dialectFor } from '../run-stats-query.ts';
import type { PanelContext } from './panel-context.ts';
import type { CascadesPanel } from './panel-types.ts';
import { runPanelQuery } from './run-panel-query.ts';
import { edgesSql } from './share-queries.ts';

const TOP_PAGES = 10;
/** Edges read for depth and breadth: enough for any real page, bounded for the server. */
const EDGE_LIMIT = 100_000;

interface Spread {
  maxDepth: number;
  maxBreadth: number;
  rootToken: string | null;
}

/**
 * Depth (longest chain of shares) and breadth (most views in one generation of one tree) of the
 * share forest of one page; roots are tokens nobody arrived with in these edges. A forged token
 * pointing back up cannot loop: generations only grow along time-ordered edges.
 */
function measureSpread(edges: { parent: string; child: string }[]): Spread {
  const generation = new Map<string, number>();
  const rootOf = new Map<string, string>();
  const perRootGeneration = new Map<string, number[]>();
  let maxDepth = 0;
  for (const { parent, child } of edges) {
    if (generation.has(child)) continue;
    const parentGeneration = generation.get(parent) ?? 0;
    if (!generation.has(parent)) {
      generation.set(parent, 0);
      rootOf.set(parent, parent);
    }
    const root = rootOf.get(parent) ?? parent;
    const level = parentGeneration + 1;
    generation.set(child, level);
    rootOf.set(child, root);
    maxDepth = Math.max(maxDepth, level);
    const counts = perRootGeneration.get(root) ?? [];
    counts[level] = (counts[level] ?? 0) + 1;
    perRootGeneration.set(root, counts);
  }
  let maxBreadth = 0;
  let rootToken: string | null = null;
  let biggest = 0;
  for (const [root, counts] of perRootGeneration) {
    let size = 0;
    // counts is sparse below the first generation: index it, never spread it.
    for (let level = 1; level < counts.length; level++) {
      size += counts[level] ?? 0;
      maxBreadth = Math.max(maxBreadth, counts[level] ?? 0);
    }
    if (size > biggest) {
      biggest = size;
      rootToken = root;
    }
  }
  return { maxDepth, maxBreadth, rootToken };
}

/** Per page: shares, previews, clicks, sharers, k-factor, and how deep and wide it spread. */
export async function cascadesPanel(context: PanelContext): Promise<CascadesPanel> {
  const range = { siteId: context.siteId, from: context.from, to: context.to };
  // Pages with the most shares first; unfiltered, so the dashboard's filters do not apply here.
  const pages = await runPanelQuery(
    { ...context, filters: [] },
    {
      ...range,
      metrics: ['shares', 'previews', 'clicks', 'sharers', 'referred_visitors'],
      dimensions: ['page'],
      limit: TOP_PAGES,
    },
  );
  const paths = pages.map((row) => row.page ?? '');
  const spreads = new Map<string, { parent: string; child: string }[]>();
  if (paths.length) {
    const query = edgesSql(dialectFor(context.store), range, paths, EDGE_LIMIT);
    for (const [parent, child, path] of await context.store.selectRows(query.sql, query.params)) {
      const list = spreads.get(String(path)) ?? [];
      list.push({ parent: String(parent), child: String(child) });
      spreads.set(String(path), list);
    }
  }
  return {
    rows: pages.map((row) => {
      const page = row.page ?? '';
      const sharers = row.sharers ?? 0;
      return {
        page,
        shares: row.shares ?? 0,
        previews: row.previews ?? 0,
        clicks: row.clicks ?? 0,
        sharers,
        kFactor: sharers > 0 ? (row.referred_visitors ?? 0) / sharers : 0,
        ...measureSpread(spreads.get(page) ?? []),
      };
    }),
  };
}
