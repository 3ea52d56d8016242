import { describe, expect, it } from 'vitest';
import {
  change,
  formatChange,
  formatDuration,
  formatMinutes,
  formatNumber,
  formatPercent,
} from './format.ts';

describe('format', () => {
  it('writes numbers, shares and durations the way the panels show them', () => {
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatNumber(12_345)).toBe('12.3K');
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(0.0456)).toBe('4.6%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('–');
    expect(formatDuration(95)).toBe('1m 35s');
    expect(formatDuration(4000)).toBe('1h 6m');
    expect(formatMinutes(30_000)).toBe('30 s');
    expect(formatMinutes(45 * 60_000)).toBe('45 min');
    expect(formatMinutes(5 * 3_600_000)).toBe('5.0 h');
    expect(formatMinutes(3 * 86_400_000)).toBe('3.0 days');
  });

  it('compares with the previous period only when there is one', () => {
    expect(change(120, 100)).toBeCloseTo(0.2);
    expect(change(80, 100)).toBeCloseTo(-0.2);
    expect(change(5, 0)).toBeNull();
    expect(change(0, 0)).toBe(0);
    expect(change(5, null)).toBeNull();
    expect(formatChange(0.2)).toBe('+20%');
    expect(formatChange(-0.05)).toBe('−5.0%');
    expect(formatChange(0)).toBe('±0%');
  });
});
