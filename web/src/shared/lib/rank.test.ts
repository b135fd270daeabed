import { describe, expect, it } from 'vitest';
import { orderByRank } from './rank';

// Five regions ranked by growth (desc): B 9.1 % → 1, D 7.0 % → 2, A 7.0 % → 2 (tie), E 3.2 % → 4,
// C undefined → no rank.
const rows = [
  { code: 'A', rank: 2 },
  { code: 'B', rank: 1 },
  { code: 'C', rank: null },
  { code: 'D', rank: 2 },
  { code: 'E', rank: 4 },
];

describe('orderByRank', () => {
  it('puts the largest first for desc, ties by code, undefined last', () => {
    expect(orderByRank(rows, 'desc').map((r) => r.code)).toEqual(['B', 'A', 'D', 'E', 'C']);
  });
  it('reverses the rows for asc without renumbering 位次', () => {
    const asc = orderByRank(rows, 'asc');
    expect(asc.map((r) => r.code)).toEqual(['E', 'A', 'D', 'B', 'C']);
    // each row keeps the rank by the measure
    expect(asc.map((r) => r.rank)).toEqual([4, 2, 2, 1, null]);
  });
  it('does not change its input', () => {
    const copy = rows.map((r) => ({ ...r }));
    orderByRank(rows, 'asc');
    expect(rows).toEqual(copy);
  });
});
