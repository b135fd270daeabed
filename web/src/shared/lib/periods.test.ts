import { describe, expect, it } from 'vitest';
import { choiceLabel, measureForBasis, parseChoice, periodChoices, periodGroups, presetLabel, windowLabel } from './periods';

describe('period presets', () => {
  it('names the releases’ cumulative periods', () => {
    expect(presetLabel('2025-02', 'zh')).toBe('2025年1-2月');
    expect(presetLabel('2025-03', 'zh')).toBe('2025年一季度');
    expect(presetLabel('2025-05', 'zh')).toBe('2025年1-5月');
    expect(presetLabel('2025-06', 'zh')).toBe('2025年上半年');
    expect(presetLabel('2025-09', 'zh')).toBe('2025年前三季度');
    expect(presetLabel('2025-12', 'zh')).toBe('2025年1-12月');
    expect(presetLabel('2025-03', 'en')).toBe('Q1 2025');
    expect(presetLabel('2025-06', 'en')).toBe('H1 2025');
    expect(presetLabel('2025-04', 'en')).toBe('Jan–Apr 2025');
  });
  it('offers a preset from February on and every month but January when it is not published', () => {
    const periods = ['2024-12', '2025-01', '2025-02', '2025-03'];
    const flow = periodChoices(periods, { locale: 'zh', januaryPublished: false, janFebMerged: () => true });
    expect(flow.presets.map((c) => c.value)).toEqual(['2025-03:ytd', '2025-02:ytd', '2024-12:ytd', '2024-12:quarter', '2024-12:half']);
    expect(flow.presets.map((c) => c.label)).toEqual(['2025年一季度', '2025年1-2月', '2024年1-12月', '2024年四季度', '2024年下半年']);
    // January alone is not offered for a flow indicator; February alone then reads 1-2月
    expect(flow.months.map((c) => c.period)).toEqual(['2025-03', '2025-02', '2024-12']);
    expect(flow.months[1].label).toBe('2025年1-2月');
    const stock = periodChoices(periods, { locale: 'zh', januaryPublished: true });
    expect(stock.months.map((c) => c.period)).toEqual(['2025-03', '2025-02', '2025-01', '2024-12']);
    expect(stock.months[2].label).toBe('2025年1月');
  });
  it('groups the choices by year, each preset before its month', () => {
    const g = periodGroups(['2024-12', '2025-01', '2025-02', '2025-03'], { locale: 'zh', januaryPublished: false });
    expect(g.map((x) => x.year)).toEqual(['2025', '2024']);
    expect(g[0].choices.map((c) => c.label)).toEqual(['2025年一季度', '2025年3月', '2025年1-2月', '2025年2月']);
    expect(g[1].choices.map((c) => c.value)).toEqual(['2024-12:ytd', '2024-12:quarter', '2024-12:half', '2024-12']);
    const monthsOnly = periodGroups(['2025-01', '2025-02'], { locale: 'zh', januaryPublished: true, presets: false });
    expect(monthsOnly[0].choices.map((c) => c.value)).toEqual(['2025-02', '2025-01']);
  });
  it('offers single quarters and the second half at their last month', () => {
    const periods = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];
    const zh = periodChoices(periods, { locale: 'zh', januaryPublished: false });
    const windows = zh.presets.filter((c) => c.basis !== 'ytd');
    expect(windows.map((c) => c.value)).toEqual(['2025-12:quarter', '2025-12:half', '2025-09:quarter', '2025-06:quarter']);
    expect(windows.map((c) => c.label)).toEqual(['2025年四季度', '2025年下半年', '2025年三季度', '2025年二季度']);
    const en = periodChoices(periods, { locale: 'en', januaryPublished: false }).presets.filter((c) => c.basis !== 'ytd');
    expect(en.map((c) => c.label)).toEqual(['Q4 2025', 'H2 2025', 'Q3 2025', 'Q2 2025']);
    // 一季度 and 上半年 stay the cumulative presets of March and June (the same months).
    expect(zh.presets.find((c) => c.value === '2025-06:ytd')?.label).toBe('2025年上半年');
    expect(windowLabel('2025-03', 'quarter', 'zh')).toBe('2025年一季度');
    expect(windowLabel('2025-06', 'half', 'en')).toBe('H1 2025');
    // In June: 上半年 (1-6月), 二季度, then June alone.
    const june = periodGroups(['2025-06'], { locale: 'zh', januaryPublished: false })[0].choices;
    expect(june.map((c) => c.label)).toEqual(['2025年上半年', '2025年二季度', '2025年6月']);
  });
  it('round-trips a choice', () => {
    expect(parseChoice('2025-06:ytd')).toEqual({ period: '2025-06', basis: 'ytd' });
    expect(parseChoice('2025-06')).toEqual({ period: '2025-06', basis: 'month' });
    expect(choiceLabel('2025-06', 'ytd', 'zh')).toBe('2025年上半年');
    expect(choiceLabel('2025-06', 'month', 'zh')).toBe('2025年6月');
    expect(parseChoice('2025-06:quarter')).toEqual({ period: '2025-06', basis: 'quarter' });
    expect(parseChoice('2025-12:half')).toEqual({ period: '2025-12', basis: 'half' });
    expect(choiceLabel('2025-06', 'quarter', 'zh')).toBe('2025年二季度');
    expect(choiceLabel('2025-06', 'quarter', 'en')).toBe('Q2 2025');
    expect(choiceLabel('2025-12', 'half', 'zh')).toBe('2025年下半年');
  });
  it('moves a measure to the basis of the period', () => {
    expect(measureForBasis('yoy', 'ytd')).toBe('ytd_yoy');
    expect(measureForBasis('value', 'ytd')).toBe('ytd');
    expect(measureForBasis('yoy_real', 'ytd')).toBe('ytd_yoy_real');
    expect(measureForBasis('ytd_yoy', 'month')).toBe('yoy');
    expect(measureForBasis('share', 'ytd')).toBe('share');
    expect(measureForBasis('ytd_yoy', null)).toBe('ytd_yoy');
    expect(measureForBasis('yoy', 'quarter')).toBe('quarter_yoy');
    expect(measureForBasis('ytd_yoy', 'quarter')).toBe('quarter_yoy');
    expect(measureForBasis('value', 'half')).toBe('half');
    expect(measureForBasis('quarter_yoy', 'ytd')).toBe('ytd_yoy');
    expect(measureForBasis('half', 'month')).toBe('value');
    expect(measureForBasis('contrib_pp', 'quarter')).toBe('contrib_pp');
    expect(measureForBasis('ytd_yoy_real', 'quarter')).toBe('quarter_yoy_real');
    expect(measureForBasis('half_yoy_real', 'month')).toBe('yoy_real');
  });
});
