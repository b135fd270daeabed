import { describe, expect, it } from 'vitest';
import { alertUnits } from '../warnings/warnings';
import { fmtTargetValue, metricKind, shareOf } from './targets';

describe('targets', () => {
  it('measures the share of the way from the baseline (0 unless given)', () => {
    expect(shareOf({ value: 2500 }, 1250)).toBe(0.5);
    expect(shareOf({ value: -13, baseline: 0 }, -6.5)).toBe(0.5);
    expect(shareOf({ value: 90, baseline: 70 }, 80)).toBe(0.5);
    expect(shareOf({ value: 100 }, null)).toBeNull();
    expect(shareOf({ value: 0 }, 1)).toBeNull();
  });
  it('formats counts without decimals and the rest with one', () => {
    expect(fmtTargetValue({ unit: '家', value: 2500 }, 2630)).toBe('2,630');
    expect(fmtTargetValue({ unit: '%', value: 96 }, 95.06)).toBe('95.1');
    expect(fmtTargetValue({ unit: '亿元', value: 1000 }, null)).toBe('—');
    expect(fmtTargetValue({ unit: '%', value: 96 }, Number.NaN)).toBe('—');
  });
  it('reads the metric kind and the alert units in either shape', () => {
    expect(metricKind({ metric: 'internal' })).toBe('internal');
    expect(metricKind({ metric: { kind: 'indicator' } })).toBe('indicator');
    expect(metricKind({ metric: null })).toBe('reported');
    expect(alertUnits({ units: '省工业和信息化厅、省科技厅' })).toEqual(['省工业和信息化厅', '省科技厅']);
    expect(alertUnits({ units: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(alertUnits({ units: '' })).toEqual([]);
  });
});
