import { describe, expect, it } from 'vitest';
import type { ParkTable } from '../../api/parks';
import { parkRankingRows } from './parkRows';

describe('park rankings', () => {
  it('keeps the server’s rank and marks and has no previous rank', () => {
    const cell = { region: { code: '410000', name: '河南省' }, industry: { code: 'BCD', name: '全部工业' }, period: '2025-03', indicator: 'output_value', park: null, values: { value: 1550 }, n: 19, suppressed: null, would_suppress: null };
    const t: ParkTable = {
      measures: ['value'],
      parent: cell,
      rows: [
        { code: 'LYA', name: '洛阳园', level: 'provincial', region: '410300', values: { value: 400 }, n: 4, rank: 1, suppressed: null, would_suppress: null },
        { code: 'ZZB', name: '郑州乙园', level: 'provincial', region: '410100', values: { value: null }, n: 0, rank: null, suppressed: 'threshold', would_suppress: null },
      ],
    } as ParkTable;
    const rows = parkRankingRows(t, 'value');
    expect(rows.map((r) => [r.code, r.rank, r.value, r.prev_rank])).toEqual([
      ['LYA', 1, 400, null],
      ['ZZB', null, null, null],
    ]);
    expect(rows[1].suppressed).toBe('threshold');
  });
});
