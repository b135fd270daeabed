// The park table (GET /api/v1/parks/table) as rows of the rankings page: the server's 位次 and
// disclosure marks; parks have no previous-month rank (the table is of one period).
import type { RankingRow } from '../../api/data';
import type { ParkTable } from '../../api/parks';

export function parkRankingRows(t: ParkTable, measure: string): RankingRow[] {
  return t.rows.map((r) => ({
    code: r.code,
    name: r.name,
    value: r.values[measure] ?? null,
    rank: r.rank ?? null,
    prev_rank: null,
    rank_change: null,
    suppressed: r.suppressed ?? null,
    would_suppress: r.would_suppress ?? null,
  }));
}
