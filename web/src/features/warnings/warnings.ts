// The warnings page and the sidebar badge: levels and their colours, deadlines, the handling steps
// the server allows, and the count of firing red alerts.
import { reactive } from 'vue';
import { ALERT_STEPS, api, type Alert, type AlertStep, type AlertHandling, type AlertLevel } from '../../api/client';
import { formatFixed, isNum } from '../../shared/lib/format';
import { todayDate } from '../../shared/lib/time';

export const LEVELS: AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];
export const STATES = ['pending', 'firing', 'resolved'] as const;
export const HANDLINGS: AlertHandling[] = ['open', 'acknowledged', 'assigned', 'handled', 'closed'];

/** 红橙黄蓝: background and text colour of a level badge (yellow needs dark text). */
export const LEVEL_COLORS: Record<AlertLevel, { bg: string; fg: string }> = {
  red: { bg: '#d9363e', fg: '#fff' },
  orange: { bg: '#fa8c16', fg: '#fff' },
  yellow: { bg: '#fadb14', fg: '#3d3300' },
  blue: { bg: '#1677ff', fg: '#fff' },
};

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

/** A number as the rules' messages show it: one decimal, grouped. */
export function fmtValue(x: number | null | undefined): string {
  return formatFixed(x, 1);
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
