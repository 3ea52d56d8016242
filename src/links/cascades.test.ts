import { describe, expect, it } from 'vitest';
import type { ShareEdge, StoredEvent } from '../store/index.ts';
import { buildCascadeTree, measureCascade } from './build-cascade-tree.ts';
import { computeCascadeFigures } from './compute-cascade-figures.ts';

const edge = (parent: string, child: string, channel: string, ts: number): ShareEdge => ({
  parent_token: parent,
  child_token: child,
  channel,
  path: '/story',
  ts,
});

describe('cascade trees', () => {
  // A → B (whatsapp) → C (unknown, by copy); A → D (email); X → Y elsewhere.
  const edges = [
    edge('A', 'B', 'whatsapp', 10),
    edge('A', 'D', 'email', 20),
    edge('B', 'C', 'unknown', 30),
    edge('X', 'Y', 'sms', 40),
  ];
  it('builds the tree from its root, whichever of its tokens is asked for', () => {
    const fromLeaf = buildCascadeTree(edges, 'C');
    expect(fromLeaf).toEqual(buildCascadeTree(edges, 'A'));
    expect(fromLeaf).toMatchObject({
      token: 'A',
      generation: 0,
      children: [
        {
          token: 'B',
          channel: 'whatsapp',
          generation: 1,
          timeToClickMs: null,
          children: [{ token: 'C', channel: 'unknown', generation: 2, timeToClickMs: 20 }],
        },
        { token: 'D', channel: 'email', generation: 1, children: [] },
      ],
    });
    expect(measureCascade(fromLeaf!)).toEqual({ depth: 2, breadth: 2, size: 4 });
    expect(buildCascadeTree(edges, 'nobody')).toBeNull();
  });
  it('survives forged cycles', () => {
    const tree = buildCascadeTree([edge('P', 'Q', 'x', 1), edge('Q', 'P', 'x', 2)], 'P');
    expect(measureCascade(tree!).size).toBe(2);
  });
});

describe('cascade figures, hand-computed', () => {
  const base = {
    site_id: 's',
    path: '/story',
    parent_token: '',
    view_token: '',
    visitor_id: '',
    channel: '',
    class: 'direct',
  } as const;
  const ev = (name: string, ts: number, extra: Partial<StoredEvent>): StoredEvent =>
    ({ ...base, id: `${name}${ts}`, name, ts, ...extra }) as StoredEvent;
  const events = [
    ev('pageview', 0, { view_token: 'A', visitor_id: 'va' }),
    ev('share', 5, { view_token: 'A', visitor_id: 'va' }),
    ev('preview', 6, { channel: 'whatsapp', class: 'preview' }),
    ev('pageview', 16, {
      view_token: 'B',
      parent_token: 'A',
      visitor_id: 'vb',
      channel: 'whatsapp',
      class: 'dark_social',
    }),
    ev('share', 20, { view_token: 'B', visitor_id: 'vb' }),
    ev('pageview', 30, {
      view_token: 'C',
      parent_token: 'B',
      visitor_id: 'vc',
      channel: 'unknown',
      class: 'dark_social',
    }),
    ev('pageview', 31, {
      view_token: 'D',
      parent_token: 'A',
      visitor_id: 'vd',
      channel: 'email',
      class: 'dark_social',
    }),
    ev('pageview', 40, { path: '/other', view_token: 'E', visitor_id: 've' }),
  ];
  it('counts shares, previews, arrivals, sharers, k-factor, depth and preview latency', () => {
    expect(computeCascadeFigures(events, '/story')).toEqual({
      shares: 2,
      previews: 1,
      clicks: 0,
      arrivals: 3,
      uniqueSharers: 2,
      newVisitors: 3,
      kFactor: 1.5,
      depth: 2,
      previewToArrival: 3,
      previewToArrivalMedianMs: 10,
    });
    expect(computeCascadeFigures(events, '/other')).toMatchObject({
      shares: 0,
      arrivals: 0,
      kFactor: null,
      depth: 0,
    });
  });
});
