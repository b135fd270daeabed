import { describe, expect, it } from 'vitest';
import {
  DASH,
  displayUnit,
  formatAmount,
  formatFixed,
  formatGrowth,
  formatMeasure,
  formatPercent,
  formatPoints,
  measureNumber,
  monthLabel,
  periodLabel,
  periodRange,
  round,
  shiftPeriod,
  toCsv,
  unitFactor,
} from './format';

describe('growth', () => {
  it('has one decimal and a sign', () => {
    expect(formatGrowth(9.56)).toBe('+9.6%');
    expect(formatGrowth(-3.04)).toBe('-3.0%');
    expect(formatGrowth(12)).toBe('+12.0%');
    expect(formatGrowth(1234.5)).toBe('+1,234.5%');
  });
  it('rounds half away from zero on the decimal digits', () => {
    expect(formatGrowth(9.55)).toBe('+9.6%');
    expect(formatGrowth(-9.55)).toBe('-9.6%');
    expect(formatGrowth(1.05)).toBe('+1.1%');
    expect(round(1.005, 2)).toBe(1.01);
  });
  it('shows zero without a sign, never -0', () => {
    expect(formatGrowth(0)).toBe('0.0%');
    expect(formatGrowth(-0.04)).toBe('0.0%');
    expect(formatGrowth(0.04)).toBe('0.0%');
    expect(Object.is(round(-0.0001, 1), -0)).toBe(false);
  });
  it('shows undefined figures as a dash, never NaN or Infinity', () => {
    for (const x of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(formatGrowth(x as number)).toBe(DASH);
      expect(formatPercent(x as number)).toBe(DASH);
      expect(formatPoints(x as number)).toBe(DASH);
      expect(formatAmount(x as number, '万元', 'yi')).toBe(DASH);
    }
  });
});

describe('amounts', () => {
  it('converts 万元 to 亿元', () => {
    expect(unitFactor('万元', 'yi')).toBe(1e-4);
    expect(unitFactor('万元', 'wan')).toBe(1);
    expect(unitFactor('人', 'yi')).toBe(1);
    expect(formatAmount(123456.7, '万元', 'yi')).toBe('12.35');
    expect(formatAmount(123456.7, '万元', 'wan')).toBe('123,456.7');
    expect(formatAmount(98765432.1, '万元', 'yi')).toBe('9,876.54');
    expect(formatAmount(1234, '人', 'yi')).toBe('1,234');
  });
  it('names the displayed unit', () => {
    expect(displayUnit('万元', 'yi')).toBe('亿元');
    expect(displayUnit('万元', 'wan')).toBe('万元');
    expect(displayUnit('万千瓦时', 'yi')).toBe('亿千瓦时');
    expect(displayUnit('%', 'yi')).toBe('%');
    expect(displayUnit('万元', 'yi', 'en')).toBe('100m CNY');
  });
  it('formats with separators and explicit signs when asked', () => {
    expect(formatFixed(-1234.5, 1)).toBe('-1,234.5');
    expect(formatFixed(1234.5, 1, { group: false })).toBe('1234.5');
    expect(formatPoints(0.353)).toBe('+0.35');
    expect(formatPercent(12.34)).toBe('12.3%');
  });
});

describe('measures', () => {
  it('formats each kind of measure', () => {
    expect(formatMeasure('yoy', 9.56, '万元', 'yi')).toBe('+9.6%');
    expect(formatMeasure('ytd_yoy', null, '万元', 'yi')).toBe(DASH);
    expect(formatMeasure('value', 123456.7, '万元', 'yi')).toBe('12.35');
    expect(formatMeasure('value', 6.25, '%', 'yi')).toBe('6.3%');
    expect(formatMeasure('contrib_pp', 0.353, '万元', 'yi')).toBe('+0.35');
    expect(formatMeasure('share', 40.04, '万元', 'yi')).toBe('40.0%');
    expect(formatMeasure('n', 1500, '万元', 'yi')).toBe('1,500');
  });
  it('gives the exported number exactly as displayed', () => {
    expect(measureNumber('value', 123456.7, '万元', 'yi')).toBe(12.35);
    expect(measureNumber('yoy', 9.56, '万元', 'yi')).toBe(9.6);
    expect(measureNumber('contrib_pp', 0.353, '万元', 'yi')).toBe(0.35);
    expect(measureNumber('yoy', null, '万元', 'yi')).toBe(null);
    expect(measureNumber('yoy', NaN, '万元', 'yi')).toBe(null);
  });
});

describe('periods', () => {
  it('labels cumulative periods as 1-M月', () => {
    expect(periodLabel('2025-06', 'cumulative')).toBe('2025年1-6月');
    expect(periodLabel('2025-02', 'cumulative')).toBe('2025年1-2月');
    expect(periodLabel('2025-01', 'cumulative')).toBe('2025年1月');
    expect(periodLabel('2025-12', 'cumulative')).toBe('2025年1-12月');
  });
  it('labels months', () => {
    expect(periodLabel('2025-06', 'month')).toBe('2025年6月');
    expect(periodLabel('2025-02', 'month')).toBe('2025年2月');
    expect(periodLabel('2025-02', 'month', 'zh', { janFebMerged: true })).toBe('2025年1-2月');
    expect(periodLabel('2025-06', 'cumulative', 'en')).toBe('Jan–Jun 2025');
    expect(periodLabel('2025-06', 'month', 'en')).toBe('Jun 2025');
    expect(monthLabel('2025-06', 'cumulative')).toBe('1-6月');
    expect(periodLabel('bad', 'month')).toBe('bad');
  });
  it('shifts and enumerates periods across years', () => {
    expect(shiftPeriod('2025-01', -1)).toBe('2024-12');
    expect(shiftPeriod('2024-12', 1)).toBe('2025-01');
    expect(shiftPeriod('2026-10', -35)).toBe('2023-11');
    expect(periodRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periodRange('2025-02', '2024-11')).toEqual([]);
  });
});

describe('csv', () => {
  it('quotes and starts with a BOM', () => {
    const csv = toCsv([
      ['名称', 'x'],
      ['a,"b"', 1.5],
      ['—', null],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF名称,x\r\n"a,""b""",1.5\r\n—,\r\n');
  });
});
