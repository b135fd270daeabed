// Ordering of ranked rows. 位次 is the rank by the measure (1 = largest, as the server ranks with
// order=desc); reversing a sort only reorders the rows, it never renumbers them.

export interface Ranked {
  code: string;
  rank?: number | null;
}

/**
 * Rows in the order asked: by rank (ascending for 'desc', the largest first; descending for
 * 'asc'), ties by code, rows without a rank (undefined measure) last either way.
 */
export function orderByRank<T extends Ranked>(rows: readonly T[], order: 'asc' | 'desc'): T[] {
  const dir = order === 'asc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ra = a.rank ?? null;
    const rb = b.rank ?? null;
    if (ra === null || rb === null) {
      if (ra === rb) return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
      return ra === null ? 1 : -1;
    }
    if (ra !== rb) return dir * (ra - rb);
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
