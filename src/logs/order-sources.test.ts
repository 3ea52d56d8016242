import { describe, expect, test } from 'vitest';
import { orderSources, rotationNumber } from './order-sources.ts';

describe('orderSources', () => {
  test('rotation numbers', () => {
    expect(rotationNumber('access.log')).toBe(0);
    expect(rotationNumber('/var/log/nginx/access.log.1')).toBe(1);
    expect(rotationNumber('access.log.12.gz')).toBe(12);
  });

  test('first timestamps decide; rotation numbers order the undated, after the dated', () => {
    const sources = [
      { name: 'b.log', firstTime: 300 },
      { name: 'access.log', firstTime: null },
      { name: 'access.log.3.gz', firstTime: null },
      { name: 'a.log', firstTime: 100 },
      { name: 'access.log.1', firstTime: null },
    ];
    expect(orderSources(sources).map((s) => s.name)).toEqual([
      'a.log',
      'b.log',
      'access.log.3.gz',
      'access.log.1',
      'access.log',
    ]);
  });
});
