import { describe, expect, it } from 'vitest';
import type { ServiceStatistics } from '../../api/client';
import { escalationSheet, overdueSheet, satisfactionSheet, shareCell } from './stats';

const t = (k: string) => k.split('.').pop() ?? k;
const names = { category: (c: string) => c, region: (r: string) => r, unit: (u: string) => u || '(none)' };
const ratio = (num: number, den: number) => ({ num, den, percent: den ? (100 * num) / den : null });
// Two units by hand: A 1 of 2 open appeals overdue, 2 of 3 escalated, satisfaction 1 of 2;
// B none overdue, nothing rated (0/0).
const stats: ServiceStatistics = {
  today: '2024-10-15',
  cross: [],
  topics: [],
  units: [
    { unit: 'A', in_scope: 3, open: 2, overdue: ratio(1, 2), escalated: ratio(2, 3), escalations: 3, satisfaction: ratio(1, 2), resolution: ratio(1, 2), on_time_closure: ratio(1, 1), unrated_default: 0 },
    { unit: 'B', in_scope: 1, open: 1, overdue: ratio(0, 1), escalated: ratio(0, 1), escalations: 0, satisfaction: ratio(0, 0), resolution: ratio(0, 0), on_time_closure: ratio(0, 0), unrated_default: 1 },
  ],
  overdue_ranking: ['A', 'B'],
  escalation_ranking: ['A', 'B'],
};

describe('leader statistics sheets', () => {
  it('shows 0/0 as a dash, never 100 %', () => {
    expect(shareCell(ratio(0, 0))).toBe('—');
    expect(shareCell(ratio(2, 3))).toBe(66.7);
  });
  it('keeps numerators and denominators in the satisfaction sheet', () => {
    const s = satisfactionSheet(stats, t, names);
    expect(s.rows[0]).toEqual(['A', 3, '1 / 2', 50, '1 / 2', 50, '1 / 1', 100, 0]);
    expect(s.rows[1]).toEqual(['B', 1, '0 / 0', '—', '0 / 0', '—', '0 / 0', '—', 1]);
  });
  it('ranks in the server\'s order', () => {
    const o = overdueSheet({ ...stats, overdue_ranking: ['B', 'A'] }, t, names);
    expect(o.rows.map((r) => [r[0], r[1]])).toEqual([[1, 'B'], [2, 'A']]);
    const e = escalationSheet(stats, t, names);
    expect(e.rows[0]).toEqual([1, 'A', '2 / 3', 66.7, 3, '1 / 2', 50]);
  });
});
