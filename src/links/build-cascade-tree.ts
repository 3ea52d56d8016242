import type { ShareEdge } from '../store/index.ts';

/** One page view in a share cascade: who arrived through whom, how, and when. */
export interface CascadeNode {
  token: string;
  /** Channel this view arrived through ('' for the root, unknown here). */
  channel: string;
  path: string;
  /** 0 for the root sharer, 1 for the people they shared with, … */
  generation: number;
  ts: number | null;
  /** Milliseconds from the parent's arrival to this one (null when the parent's time is unknown). */
  timeToClickMs: number | null;
  children: CascadeNode[];
}

/**
 * The cascade that contains `token`, as a tree from its root: edges link the token each page
 * view arrived with to the token it minted, across days and devices (research/measurement.md §3).
 * Returns null when the token is in no edge. Cycles (a forged token pointing back) are cut.
 */
export function buildCascadeTree(edges: readonly ShareEdge[], token: string): CascadeNode | null {
  const parentOf = new Map<string, ShareEdge>();
  const childrenOf = new Map<string, ShareEdge[]>();
  for (const edge of edges) {
    if (!parentOf.has(edge.child_token)) parentOf.set(edge.child_token, edge);
    const siblings = childrenOf.get(edge.parent_token) ?? [];
    siblings.push(edge);
    childrenOf.set(edge.parent_token, siblings);
  }
  if (!parentOf.has(token) && !childrenOf.has(token)) return null;
  let root = token;
  const climbed = new Set([root]);
  for (let up = parentOf.get(root); up && !climbed.has(up.parent_token); up = parentOf.get(root)) {
    root = up.parent_token;
    climbed.add(root);
  }
  const seen = new Set<string>();
  const grow = (node: CascadeNode): CascadeNode => {
    seen.add(node.token);
    for (const edge of childrenOf.get(node.token) ?? []) {
      if (seen.has(edge.child_token)) continue;
      node.children.push(
        grow({
          token: edge.child_token,
          channel: edge.channel,
          path: edge.path,
          generation: node.generation + 1,
          ts: edge.ts,
          timeToClickMs: node.ts === null ? null : edge.ts - node.ts,
          children: [],
        }),
      );
    }
    return node;
  };
  const first = childrenOf.get(root)?.[0];
  return grow({
    token: root,
    channel: parentOf.get(root)?.channel ?? '',
    path: first?.path ?? '',
    generation: 0,
    ts: null,
    timeToClickMs: null,
    children: [],
  });
}

/** Depth (generations below the root) and breadth (most views in one generation) of a tree. */
export function measureCascade(root: CascadeNode): {
  depth: number;
  breadth: number;
  size: number;
} {
  const perGeneration: number[] = [];
  const walk = (node: CascadeNode) => {
    perGeneration[node.generation] = (perGeneration[node.generation] ?? 0) + 1;
    for (const child of node.children) walk(child);
  };
  walk(root);
  return {
    depth: perGeneration.length - 1,
    breadth: Math.max(...perGeneration.slice(1), 0),
    size: perGeneration.reduce((sum, n) => sum + n, 0),
  };
}
