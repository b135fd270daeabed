// Shared by the warnings page, the targets board and the sidebar badge: level and status colours,
// time formatting, target progress shares and the handling steps the server allows.
import { reactive } from 'vue';
import { ALERT_STEPS, api, type Alert, type AlertStep, type AlertHandling, type AlertLevel, type Target, type TargetStatus } from '../../api/client';
import { DASH, formatFixed, isNum } from '../../shared/lib/format';

export const LEVELS: AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];
export const STATES = ['pending', 'firing', 'resolved'] as const;
export const HANDLINGS: AlertHandling[] = ['open', 'acknowledged', 'assigned', 'handled', 'closed'];
export const TARGET_STATUSES: TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data', 'qualitative'];

/** 红橙黄蓝: background and text colour of a level badge (yellow needs dark text). */
export const LEVEL_COLORS: Record<AlertLevel, { bg: string; fg: string }> = {
  red: { bg: '#d9363e', fg: '#fff' },
  orange: { bg: '#fa8c16', fg: '#fff' },
  yellow: { bg: '#fadb14', fg: '#3d3300' },
  blue: { bg: '#1677ff', fg: '#fff' },
};

export const STATUS_COLORS: Record<TargetStatus, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#fa8c16',
  off_track: '#d9363e',
  no_data: '#a0a8b5',
  qualitative: '#8c8c8c',
};

/** "2026-11-22T09:12:00Z" → "2026-11-22 17:12" (local time); "—" when missing or malformed. */
export function fmtTime(s: string | null | undefined, seconds = false): string {
  if (!s) return DASH;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}${seconds ? `:${p(d.getSeconds())}` : ''}`;
}

/** Today as YYYY-MM-DD in local time. */
export function todayDate(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** An assigned alert whose deadline has passed without being handled. */
export function isOverdue(a: Pick<Alert, 'deadline' | 'handling'>): boolean {
  if (!a.deadline || !/^\d{4}-\d{2}-\d{2}/.test(a.deadline)) return false;
  if (a.handling === 'handled' || a.handling === 'closed') return false;
  return a.deadline.slice(0, 10) < todayDate();
}

export type Step = AlertStep;
/** The handling steps the server allows the caller now (`allowed_actions` of the alert; none when absent). */
export function allowedSteps(a: Pick<Alert, 'allowed_actions'>): Step[] {
  return (a.allowed_actions ?? []).filter((x): x is Step => (ALERT_STEPS as readonly string[]).includes(x));
}

/** The target's units on an alert: the server may send a list or a joined string. */
export function alertUnits(a: Pick<Alert, 'units'>): string[] {
  const u = a.units as unknown;
  if (Array.isArray(u)) return u.filter((x) => typeof x === 'string' && x);
  if (typeof u === 'string' && u.trim()) return u.split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean);
  return [];
}

/** A target's metric kind (reported, internal, indicator): the server may send the object or its kind. */
export function metricKind(t: Pick<Target, 'metric'>): string {
  const m = t.metric as unknown;
  if (typeof m === 'string') return m;
  if (m && typeof m === 'object' && typeof (m as { kind?: unknown }).kind === 'string') return (m as { kind: string }).kind;
  return 'reported';
}

/** A number as the rules' messages show it: one decimal, grouped. */
export function fmtValue(x: number | null | undefined): string {
  return formatFixed(x, 1);
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

/**
 * The number of firing red alerts for the sidebar badge (one request, refreshed on demand). The
 * server's `counts` are those of the returned (limited) list, so the limit must not cut them.
 */
export const redBadge = reactive({ count: 0, loaded: false });
let badgeLoading: Promise<void> | null = null;
export function refreshRedBadge(): Promise<void> {
  if (badgeLoading) return badgeLoading;
  badgeLoading = (async () => {
    try {
      const r = await api.alerts({ state: 'firing', level: 'red', limit: 1000 });
      redBadge.count = isNum(r.counts?.red) ? r.counts.red : 0;
      redBadge.loaded = true;
    } catch {
      redBadge.loaded = false;
    } finally {
      badgeLoading = null;
    }
  })();
  return badgeLoading;
}
