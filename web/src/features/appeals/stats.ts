// The leader's statistics (统计) as sheets: the tables the page shows, in the same order, exported
// to XLSX as they are. Ratios keep their numerator and denominator; a 0/0 share is "—".
import type { Ratio, ServiceStatistics, StatsUnitRow } from '../../api/client';
import type { Cell, Sheet } from '../../shared/lib/export';
import { DASH, round } from '../../shared/lib/format';

export type Translate = (key: string, params?: Record<string, string | number>) => string;
export interface Names {
  category: (code: string) => string;
  region: (code: string) => string;
  unit: (name: string) => string; // "" = not dispatched yet
}

/** A share in percent with one decimal, or "—" for 0/0 (never 100 %). */
export function shareCell(r: Ratio): Cell {
  return r.den > 0 && r.percent !== null && Number.isFinite(r.percent) ? round(r.percent, 1) : DASH;
}
export function fraction(r: Ratio): string {
  return `${r.num} / ${r.den}`;
}

export function crossSheet(s: ServiceStatistics, t: Translate, n: Names): Sheet {
  return {
    name: `${t('appeals.stats.cross')}_${s.today}`,
    header: ['category', 'region', 'unit', 'filed', 'inScope', 'open', 'closed', 'overdue'].map((k) => t(`appeals.stats.col.${k}`)),
    rows: s.cross.map((r) => [n.category(r.category), n.region(r.region), n.unit(r.unit), r.filed, r.in_scope, r.open, r.closed, r.overdue]),
  };
}

export function topicsSheet(s: ServiceStatistics, t: Translate, n: Names): Sheet {
  return {
    name: `${t('appeals.stats.topics')}_${s.today}`,
    header: ['period', 'category', 'filed'].map((k) => t(`appeals.stats.col.${k}`)),
    rows: s.topics.map((r) => [r.period, n.category(r.category), r.filed]),
  };
}

/** The units in the order of a ranking (names the server sent), rank first. */
export function ranked(s: ServiceStatistics, order: string[]): StatsUnitRow[] {
  const by = new Map(s.units.map((u) => [u.unit, u]));
  return order.map((name) => by.get(name)).filter((u): u is StatsUnitRow => !!u);
}

export function overdueSheet(s: ServiceStatistics, t: Translate, n: Names): Sheet {
  return {
    name: `${t('appeals.stats.overdueRanking')}_${s.today}`,
    header: ['rank', 'unit', 'overdueFraction', 'overdueShare', 'escalatedFraction', 'escalatedShare', 'escalations'].map((k) => t(`appeals.stats.col.${k}`)),
    rows: ranked(s, s.overdue_ranking).map((u, i) => [i + 1, n.unit(u.unit), fraction(u.overdue), shareCell(u.overdue), fraction(u.escalated), shareCell(u.escalated), u.escalations]),
  };
}

export function escalationSheet(s: ServiceStatistics, t: Translate, n: Names): Sheet {
  return {
    name: `${t('appeals.stats.escalationRanking')}_${s.today}`,
    header: ['rank', 'unit', 'escalatedFraction', 'escalatedShare', 'escalations', 'overdueFraction', 'overdueShare'].map((k) => t(`appeals.stats.col.${k}`)),
    rows: ranked(s, s.escalation_ranking).map((u, i) => [i + 1, n.unit(u.unit), fraction(u.escalated), shareCell(u.escalated), u.escalations, fraction(u.overdue), shareCell(u.overdue)]),
  };
}

export function satisfactionSheet(s: ServiceStatistics, t: Translate, n: Names): Sheet {
  return {
    name: `${t('appeals.stats.satisfaction')}_${s.today}`,
    header: ['unit', 'inScope', 'satisfactionFraction', 'satisfactionShare', 'resolutionFraction', 'resolutionShare', 'onTimeFraction', 'onTimeShare', 'unratedDefault'].map((k) => t(`appeals.stats.col.${k}`)),
    rows: s.units.map((u) => [n.unit(u.unit), u.in_scope, fraction(u.satisfaction), shareCell(u.satisfaction), fraction(u.resolution), shareCell(u.resolution), fraction(u.on_time_closure), shareCell(u.on_time_closure), u.unrated_default]),
    footnotes: [t('appeals.stats.note')],
  };
}
