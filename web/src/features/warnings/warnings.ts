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

/** The number of firing red episodes for the sidebar badge: the server counts, nothing else is sent. */
/** The default list and the badge show the episodes worth reading (docs/warnings.md, "Volume"). */
export const DEFAULT_MIN_SCORE = 20;
export const redBadge = reactive({ count: 0, loaded: false });
let badgeLoading: Promise<void> | null = null;
export function refreshRedBadge(): Promise<void> {
  if (badgeLoading) return badgeLoading;
  badgeLoading = (async () => {
    try {
      const r = await api.episodeCounts({ min_score: DEFAULT_MIN_SCORE });
      redBadge.count = isNum(r.counts?.by_level?.red) ? r.counts.by_level.red : 0;
      redBadge.loaded = true;
    } catch {
      redBadge.loaded = false;
    } finally {
      badgeLoading = null;
    }
  })();
  return badgeLoading;
}

/** Months as whole numbers ("已连续10个月"): the server's counts are integers, never 10.0. */
export function monthsText(n: number | null | undefined, zh: boolean): string {
  if (!isNum(n)) return '';
  const m = Math.round(n);
  return zh ? `已连续${m}个月` : `${m} month${m === 1 ? '' : 's'} in a row`;
}

/** An industry within a region is keyed "code@region": the industry code and the region. */
export function splitSubjectKey(key: string): { code: string; region: string } {
  const at = key.indexOf('@');
  return at < 0 ? { code: key, region: '' } : { code: key.slice(0, at), region: key.slice(at + 1) };
}

/** What the server writes in an event's detail, in the UI's language (levels, silences, …). */
export function historyDetail(detail: string | null | undefined, names: { levels: Record<string, string>; phrases: Record<string, string> }): string {
  const d = (detail ?? '').trim();
  if (!d) return '';
  if (names.levels[d]) return names.levels[d];
  const arrow = /^(\w+) -> (\w+)$/.exec(d);
  if (arrow) return `${names.levels[arrow[1]] ?? arrow[1]} → ${names.levels[arrow[2]] ?? arrow[2]}`;
  const silence = /^silence (\d+)$/.exec(d);
  if (silence) return (names.phrases.silence ?? 'silence #{id}').replace('{id}', silence[1]);
  const assign = /^(.+) by (\d{4}-\d{2}-\d{2})(?:: (.*))?$/s.exec(d);
  if (assign) {
    const base = (names.phrases.assign ?? '{unit} by {deadline}').replace('{unit}', assign[1]).replace('{deadline}', assign[2]);
    return assign[3] ? `${base}${names.phrases.sep ?? ': '}${assign[3]}` : base;
  }
  return names.phrases[d] ?? d;
}
