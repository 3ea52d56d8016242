import { dialectFor } from '../run-stats-query.ts';
import type { PanelContext } from './panel-context.ts';
import type { CascadesPanel } from './panel-types.ts';
import { cascadeTotalsSql, edgesSql } from './share-queries.ts';

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
  const dialect = dialectFor(context.store);
  const range = { siteId: context.siteId, from: context.from, to: context.to };
  const totals = cascadeTotalsSql(dialect, range, TOP_PAGES);
  const pages = await context.store.selectRows(totals.sql, totals.params);
  const paths = pages.map((row) => String(row[0]));
  const spreads = new Map<string, { parent: string; child: string }[]>();
  if (paths.length) {
    const query = edgesSql(dialect, range, paths, EDGE_LIMIT);
    for (const [parent, child, path] of await context.store.selectRows(query.sql, query.params)) {
      const list = spreads.get(String(path)) ?? [];
      list.push({ parent: String(parent), child: String(child) });
      spreads.set(String(path), list);
    }
  }
  return {
    rows: pages.map(([path, shares, previews, clicks, sharers, arrivals]) => {
      const spread = measureSpread(spreads.get(String(path)) ?? []);
      const sharerCount = Number(sharers ?? 0);
      return {
        page: String(path),
        shares: Number(shares ?? 0),
        previews: Number(previews ?? 0),
        clicks: Number(clicks ?? 0),
        sharers: sharerCount,
        kFactor: sharerCount > 0 ? Number(arrivals ?? 0) / sharerCount : 0,
        ...spread,
      };
    }),
  };
}
