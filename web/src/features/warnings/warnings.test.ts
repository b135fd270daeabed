import { describe, expect, it } from 'vitest';
import { allowedSteps, historyDetail, isOverdue, monthsText, splitSubjectKey } from './warnings';

describe('handling steps', () => {
  it('are exactly the server\'s allowed_actions, none when absent', () => {
    expect(allowedSteps({ allowed_actions: ['assign', 'handle'] })).toEqual(['assign', 'handle']);
    expect(allowedSteps({ allowed_actions: ['close', 'unknown'] })).toEqual(['close']);
    expect(allowedSteps({})).toEqual([]);
  });
  it('flags a passed deadline unless handled or closed', () => {
    expect(isOverdue({ deadline: '2000-01-01', handling: 'assigned' })).toBe(true);
    expect(isOverdue({ deadline: '2000-01-01', handling: 'handled' })).toBe(false);
    expect(isOverdue({ deadline: '2999-01-01', handling: 'assigned' })).toBe(false);
    expect(isOverdue({ deadline: '', handling: 'assigned' })).toBe(false);
  });
});

describe('episodes', () => {
  it('print month counts as integers', () => {
    expect(monthsText(10, true)).toBe('已连续10个月');
    expect(monthsText(10.0, true)).not.toContain('.');
    expect(monthsText(1, false)).toBe('1 month in a row');
    expect(monthsText(null, true)).toBe('');
  });
  it('split an industry within a region', () => {
    expect(splitSubjectKey('13@410000')).toEqual({ code: '13', region: '410000' });
    expect(splitSubjectKey('13')).toEqual({ code: '13', region: '' });
  });
});

describe('history details', () => {
  const names = {
    levels: { red: '红色', yellow: '黄色' },
    phrases: { 'persistence no longer met': '持续期数不再满足', silence: '静默规则 #{id}', assign: '{unit}，期限 {deadline}', sep: '：' },
  };
  it('translate every entry the server writes', () => {
    expect(historyDetail('red', names)).toBe('红色');
    expect(historyDetail('red -> yellow', names)).toBe('红色 → 黄色');
    expect(historyDetail('silence 7', names)).toBe('静默规则 #7');
    expect(historyDetail('persistence no longer met', names)).toBe('持续期数不再满足');
    expect(historyDetail('市工信局 by 2026-12-31: 跟进', names)).toBe('市工信局，期限 2026-12-31：跟进');
    expect(historyDetail('', names)).toBe('');
  });
});
