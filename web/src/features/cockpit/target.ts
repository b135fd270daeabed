// The growth target the cockpit draws: the policy catalog's growth target of the region for the
// indicator (e.g. 规上工业增加值增长6%), in force in the period; none when the region has none.
import type { Target } from '../../api/warnings';
import { isNum } from '../../shared/lib/format';

type GrowthTargetFields = Pick<Target, 'type' | 'metric' | 'value' | 'start' | 'deadline'> & { indicator?: string | null; region?: string | null };

function metricKind(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m && typeof m === 'object' && typeof (m as { kind?: unknown }).kind === 'string') return (m as { kind: string }).kind;
  return '';
}

/** The target value (percent) for region × indicator in force at `period` (YYYY-MM), or null. */
export function growthTarget(targets: readonly GrowthTargetFields[], region: string, indicator: string, period: string): number | null {
  const hits = targets.filter(
    (t) => t.type === 'growth' && metricKind(t.metric) === 'indicator' && t.indicator === indicator && t.region === region && isNum(t.value) && (!t.start || t.start <= period) && (!t.deadline || period <= t.deadline),
  );
  // the most recent document's figure wins when several are in force
  hits.sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''));
  return hits.length ? (hits[0].value as number) : null;
}
