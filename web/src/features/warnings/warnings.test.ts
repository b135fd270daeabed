import { describe, expect, it } from 'vitest';
import { alertUnits, fmtTargetValue, isOverdue, legalSteps, metricKind, shareOf } from './warnings';

describe('handling steps', () => {
  it('follows the lifecycle: open → acknowledge → assign → handle → close', () => {
    expect(legalSteps({ handling: 'open', state: 'firing' })).toEqual(['acknowledge']);
    expect(legalSteps({ handling: 'acknowledged', state: 'firing' })).toEqual(['assign']);
    expect(legalSteps({ handling: 'assigned', state: 'firing' })).toEqual(['assign', 'handle']);
    expect(legalSteps({ handling: 'handled', state: 'firing' })).toEqual(['close']);
    expect(legalSteps({ handling: 'closed', state: 'resolved' })).toEqual([]);
  });
  it('lets a resolved alert be closed from any step', () => {
    expect(legalSteps({ handling: 'open', state: 'resolved' })).toEqual(['acknowledge', 'close']);
    expect(legalSteps({ handling: 'assigned', state: 'resolved' })).toContain('close');
  });
  it('flags a passed deadline unless handled or closed', () => {
    expect(isOverdue({ deadline: '2000-01-01', handling: 'assigned' })).toBe(true);
    expect(isOverdue({ deadline: '2000-01-01', handling: 'handled' })).toBe(false);
    expect(isOverdue({ deadline: '2999-01-01', handling: 'assigned' })).toBe(false);
    expect(isOverdue({ deadline: '', handling: 'assigned' })).toBe(false);
  });
});

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
