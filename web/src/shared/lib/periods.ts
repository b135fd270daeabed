// The period picker's choices: single months, the cumulative presets the statistical releases
// use (1–2月, 一季度, 1–4月, 1–5月, 上半年, …, 前三季度, …, 1–12月) and the single quarters and
// half-years (二季度, 三季度, 四季度, 下半年). A cumulative preset is the figure up to its last
// month, so it is a period plus basis 'ytd' (the measures become ytd, ytd_yoy, …); a quarter is
// its last month plus basis 'quarter' (quarter, quarter_yoy), 下半年 December plus 'half'. 一季度
// and 上半年 are the cumulative presets of March and June (the same months).
import { periodLabel, type Locale } from './format';

export type PeriodBasis = 'month' | 'ytd' | 'quarter' | 'half';

export interface PeriodChoice {
  /** the picker's value: "2025-06" (month), "2025-06:ytd" (cumulative), "2025-06:quarter" (二季度), "2025-12:half" (下半年) */
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

const zhQuarters = ['一季度', '二季度', '三季度', '四季度'];

/** "2025-06", quarter → "2025年二季度" / "Q2 2025"; "2025-12", half → "2025年下半年" / "H2 2025". */
export function windowLabel(period: string, basis: 'quarter' | 'half', locale: Locale): string {
  const m = Number(period.slice(5, 7));
  const y = period.slice(0, 4);
  if (basis === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    return locale === 'en' ? `Q${q + 1} ${y}` : `${y}年${zhQuarters[q]}`;
  }
  const second = m > 6;
  return locale === 'en' ? `H${second ? 2 : 1} ${y}` : `${y}年${second ? '下半年' : '上半年'}`;
}

/** The label of what the URL holds (period + basis). */
export function choiceLabel(period: string, basis: PeriodBasis, locale: Locale, janFebMerged = false): string {
  if (basis === 'ytd') return presetLabel(period, locale);
  if (basis === 'quarter' || basis === 'half') return windowLabel(period, basis, locale);
  return periodLabel(period, 'month', locale, { janFebMerged });
}

/**
 * Choices for the periods with data, newest first: for each period from February on, its
 * cumulative preset; at June, September and December the quarter (二季度, 三季度, 四季度) and at
 * December the second half (下半年); every month, except January when January alone is not
 * published (flow indicators publish 1–2月 together).
 */
export function periodChoices(periods: readonly string[], opts: { locale: Locale; januaryPublished: boolean; janFebMerged?: (p: string) => boolean }): { presets: PeriodChoice[]; months: PeriodChoice[] } {
  const desc = [...periods].sort().reverse();
  const presets: PeriodChoice[] = [];
  const months: PeriodChoice[] = [];
  for (const p of desc) {
    const m = Number(p.slice(5, 7));
    if (m >= 2) presets.push({ value: `${p}:ytd`, period: p, basis: 'ytd', label: presetLabel(p, opts.locale) });
    if (m === 6 || m === 9 || m === 12) presets.push({ value: `${p}:quarter`, period: p, basis: 'quarter', label: windowLabel(p, 'quarter', opts.locale) });
    if (m === 12) presets.push({ value: `${p}:half`, period: p, basis: 'half', label: windowLabel(p, 'half', opts.locale) });
    if (m === 1 && !opts.januaryPublished) continue;
    months.push({ value: p, period: p, basis: 'month', label: periodLabel(p, 'month', opts.locale, { janFebMerged: opts.janFebMerged?.(p) ?? false }) });
  }
  return { presets, months };
}

// In a month's choices: 1–N月, the quarter, the half-year, the month.
const BASIS_ORDER: Record<PeriodBasis, number> = { ytd: 0, quarter: 1, half: 2, month: 3 };

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
    g.choices.push(...byPeriod.get(p)!.sort((a, b) => BASIS_ORDER[a.basis] - BASIS_ORDER[b.basis]));
  }
  return groups;
}

/** The picker's value back into period and basis. */
export function parseChoice(value: string): { period: string; basis: PeriodBasis } {
  const [period, b] = value.split(':');
  return { period, basis: b === 'ytd' || b === 'quarter' || b === 'half' ? b : 'month' };
}

// Each level measure and growth measure in the four bases.
const FAMILIES: Record<PeriodBasis, string>[] = [
  { month: 'value', ytd: 'ytd', quarter: 'quarter', half: 'half' },
  { month: 'yoy', ytd: 'ytd_yoy', quarter: 'quarter_yoy', half: 'half_yoy' },
  { month: 'yoy_real', ytd: 'ytd_yoy_real', quarter: 'quarter_yoy_real', half: 'half_yoy_real' },
];

/** A measure in the basis of the period chosen: yoy on a 1–N月 preset is ytd_yoy, on a quarter quarter_yoy, and back. */
export function measureForBasis(measure: string, basis: PeriodBasis | null): string {
  if (basis === null) return measure;
  const family = FAMILIES.find((f) => Object.values(f).includes(measure));
  return family ? family[basis] : measure;
}
