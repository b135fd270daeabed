// The period picker's choices: single months and the cumulative presets the statistical releases
// use (1–2月, 一季度, 1–4月, 1–5月, 上半年, …, 前三季度, …, 1–12月). A preset is the cumulative figure
// up to its last month, so it is a period plus basis 'ytd' (the measures become ytd, ytd_yoy, …).
import { periodLabel, type Locale } from './format';

export type PeriodBasis = 'month' | 'ytd';

export interface PeriodChoice {
  /** the picker's value: "2025-06" (month) or "2025-06:ytd" (cumulative preset) */
  value: string;
  period: string;
  basis: PeriodBasis;
  label: string;
}

const zhNames: Record<number, string> = { 3: '一季度', 6: '上半年', 9: '前三季度' };
const enNames: Record<number, string> = { 3: 'Q1', 6: 'H1', 9: 'Q1–Q3' };

/** "2025-03", ytd → "2025年一季度"; "2025-05" → "2025年1-5月"; English "Q1 2025", "Jan–May 2025". */
export function presetLabel(period: string, locale: Locale): string {
  const m = Number(period.slice(5, 7));
  const y = period.slice(0, 4);
  const name = (locale === 'en' ? enNames : zhNames)[m];
  if (name) return locale === 'en' ? `${name} ${y}` : `${y}年${name}`;
  return periodLabel(period, 'cumulative', locale);
}

/** The label of what the URL holds (period + basis). */
export function choiceLabel(period: string, basis: PeriodBasis, locale: Locale, janFebMerged = false): string {
  return basis === 'ytd' ? presetLabel(period, locale) : periodLabel(period, 'month', locale, { janFebMerged });
}

/**
 * Choices for the periods with data, newest first: for each period from February on, its
 * cumulative preset; every month, except January when January alone is not published
 * (flow indicators publish 1–2月 together).
 */
export function periodChoices(periods: readonly string[], opts: { locale: Locale; januaryPublished: boolean; janFebMerged?: (p: string) => boolean }): { presets: PeriodChoice[]; months: PeriodChoice[] } {
  const desc = [...periods].sort().reverse();
  const presets: PeriodChoice[] = [];
  const months: PeriodChoice[] = [];
  for (const p of desc) {
    const m = Number(p.slice(5, 7));
    if (m >= 2) presets.push({ value: `${p}:ytd`, period: p, basis: 'ytd', label: presetLabel(p, opts.locale) });
    if (m === 1 && !opts.januaryPublished) continue;
    months.push({ value: p, period: p, basis: 'month', label: periodLabel(p, 'month', opts.locale, { janFebMerged: opts.janFebMerged?.(p) ?? false }) });
  }
  return { presets, months };
}

/**
 * The choices by year, newest first; in a year each month's cumulative preset comes before the
 * month itself ("2025年上半年", "2025年6月", "2025年1-5月", "2025年5月", …). presets=false: months only.
 */
export function periodGroups(periods: readonly string[], opts: { locale: Locale; januaryPublished: boolean; janFebMerged?: (p: string) => boolean; presets?: boolean }): { year: string; choices: PeriodChoice[] }[] {
  const { presets, months } = periodChoices(periods, opts);
  const byPeriod = new Map<string, PeriodChoice[]>();
  for (const c of [...(opts.presets === false ? [] : presets), ...months]) {
    const list = byPeriod.get(c.period) ?? [];
    list.push(c);
    byPeriod.set(c.period, list);
  }
  const groups: { year: string; choices: PeriodChoice[] }[] = [];
  for (const p of [...byPeriod.keys()].sort().reverse()) {
    const year = p.slice(0, 4);
    let g = groups[groups.length - 1];
    if (!g || g.year !== year) {
      g = { year, choices: [] };
      groups.push(g);
    }
    g.choices.push(...byPeriod.get(p)!.sort((a, b) => (a.basis === b.basis ? 0 : a.basis === 'ytd' ? -1 : 1)));
  }
  return groups;
}

/** The picker's value back into period and basis. */
export function parseChoice(value: string): { period: string; basis: PeriodBasis } {
  const [period, b] = value.split(':');
  return { period, basis: b === 'ytd' ? 'ytd' : 'month' };
}

const toYtd: Record<string, string> = { value: 'ytd', yoy: 'ytd_yoy', yoy_real: 'ytd_yoy_real' };
const toMonth: Record<string, string> = Object.fromEntries(Object.entries(toYtd).map(([k, v]) => [v, k]));

/** A measure in the basis of the period chosen: yoy on a 1–N月 preset is ytd_yoy, and back. */
export function measureForBasis(measure: string, basis: PeriodBasis | null): string {
  if (basis === 'ytd') return toYtd[measure] ?? measure;
  if (basis === 'month') return toMonth[measure] ?? measure;
  return measure;
}
