// The targets board's rules of presentation: statuses and their colours, the metric kind, the
// figures' decimals, the share of the way from the baseline to the target, and the texts of a
// target's value, deadline and progress bar (board and drawer alike).
import { computed } from 'vue';
import type { Target, TargetStatus } from '../../api/client';
import { DASH, formatFixed, formatPercent, isNum, periodLabel } from '../../shared/lib/format';
import { locale, t, tMap } from '../../shared/lib/i18n';

export const TARGET_STATUSES: TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_baseline', 'no_data', 'expired', 'qualitative'];

export const STATUS_COLORS: Record<TargetStatus, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#fa8c16',
  off_track: '#d9363e',
  no_data: '#a0a8b5',
  qualitative: '#8c8c8c',
  expired: '#595959',
  no_baseline: '#a0a8b5',
};

/** A target's metric kind (reported, internal, indicator): the server may send the object or its kind. */
export function metricKind(t: Pick<Target, 'metric'>): string {
  const m = t.metric as unknown;
  if (typeof m === 'string') return m;
  if (m && typeof m === 'object' && typeof (m as { kind?: unknown }).kind === 'string') return (m as { kind: string }).kind;
  return 'reported';
}

/** Decimals for a target's figures: counts without decimals, the rest with one. */
export function targetDecimals(t: Pick<Target, 'unit' | 'value'>): number {
  const u = t.unit ?? '';
  if (['家', '个', '场', '项', '次'].includes(u)) return 0;
  return 1;
}

export function fmtTargetValue(t: Pick<Target, 'unit' | 'value'>, x: number | null | undefined): string {
  if (!isNum(x)) return DASH;
  return formatFixed(x, targetDecimals(t));
}

/** Share of the target (0..1, unclamped) that a value represents, measured from the baseline. */
export function shareOf(t: Pick<Target, 'value' | 'baseline'>, x: number | null | undefined): number | null {
  if (!isNum(x) || !isNum(t.value)) return null;
  const base = isNum(t.baseline) ? t.baseline : 0;
  const span = t.value - base;
  if (span === 0) return null;
  return (x - base) / span;
}

export const statusNames = computed(() => tMap('targets.statuses'));
export function cmp(c: string | null | undefined): string {
  return c === '>=' ? '≥' : c === '<=' ? '≤' : (c ?? '');
}
export function unitText(x: Target): string {
  return x.unit ?? '';
}
export function targetText(x: Target): string {
  if (x.qualitative || !isNum(x.value)) return DASH;
  return `${cmp(x.comparator)} ${fmtTargetValue(x, x.value)}${unitText(x) === '%' ? '%' : ` ${unitText(x)}`}`;
}
export function valueText(x: Target, v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return `${fmtTargetValue(x, v)}${unitText(x) === '%' ? '%' : ` ${unitText(x)}`}`;
}
export function deadlineText(x: Target): string {
  return periodLabel(x.deadline, 'month', locale.value);
}
const clamp = (f: number) => Math.max(0, Math.min(1, f));
export function bar(x: Target) {
  const a = shareOf(x, x.actual);
  const e = shareOf(x, x.expected);
  return {
    fill: isNum(a) ? clamp(a) * 100 : 0,
    marker: isNum(e) ? clamp(e) * 100 : null,
    actualPct: isNum(a) ? formatPercent(a * 100) : DASH,
    expectedPct: isNum(e) ? formatPercent(e * 100) : DASH,
  };
}
export function behindText(x: Target): string {
  if (!isNum(x.behind_pct)) return '';
  if (x.behind_pct > 0) return t('targets.behind', { pct: formatPercent(x.behind_pct) });
  if (x.behind_pct < 0) return t('targets.ahead', { pct: formatPercent(-x.behind_pct) });
  return '';
}
export function markerTitle(x: Target): string {
  const b = bar(x);
  return t('targets.expectedMarker', { expected: valueText(x, x.expected), pct: b.expectedPct });
}
export function statusStyle(s: TargetStatus) {
  return { background: STATUS_COLORS[s] ?? '#8c8c8c' };
}
