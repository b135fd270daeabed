// Number and period formatting the way Chinese industry analysts read them.
// Rules: undefined figures are "—" (never NaN / Infinity); growth has one decimal and a sign;
// amounts switch between 万元 and 亿元; cumulative periods read "2025年1-6月".

export type Locale = 'zh' | 'en';
export type UnitMode = 'wan' | 'yi';
export type Basis = 'month' | 'cumulative';

export const DASH = '—';

export function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Rounds half away from zero on the decimal representation (9.55 → 9.6), never returns -0. */
export function round(x: number, decimals: number): number {
  if (!isNum(x)) return NaN;
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  const s = abs.toString();
  let r: number;
  if (s.includes('e')) {
    r = Math.round(abs * 10 ** decimals) / 10 ** decimals;
  } else {
    r = Number(`${Math.round(Number(`${s}e${decimals}`))}e-${decimals}`);
  }
  return r === 0 ? 0 : sign * r;
}

const groupers = new Map<number, Intl.NumberFormat>();
function grouper(decimals: number): Intl.NumberFormat {
  let f = groupers.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    groupers.set(decimals, f);
  }
  return f;
}

/** Fixed decimals with thousands separators; optional explicit "+" on positive values. */
export function formatFixed(x: number | null | undefined, decimals: number, opts: { sign?: boolean; group?: boolean } = {}): string {
  if (!isNum(x)) return DASH;
  const r = round(x, decimals);
  const body = opts.group === false ? Math.abs(r).toFixed(decimals) : grouper(decimals).format(Math.abs(r));
  const sign = r < 0 ? '-' : opts.sign && r > 0 ? '+' : '';
  return sign + body;
}

/** Growth rate in percent: 9.56 → "+9.6%", -3.04 → "-3.0%", 0.04 → "0.0%", null → "—". */
export function formatGrowth(x: number | null | undefined, decimals = 1): string {
  if (!isNum(x)) return DASH;
  return `${formatFixed(x, decimals, { sign: true })}%`;
}

/** Percentage points (拉动): 0.353 → "+0.35". */
export function formatPoints(x: number | null | undefined, decimals = 2): string {
  return formatFixed(x, decimals, { sign: true });
}

/** A share or ratio in percent without a sign: 12.34 → "12.3%". */
export function formatPercent(x: number | null | undefined, decimals = 1): string {
  if (!isNum(x)) return DASH;
  return `${formatFixed(x, decimals)}%`;
}

export function formatInteger(x: number | null | undefined): string {
  return formatFixed(x, 0);
}

/** Multiplier from the catalog unit to the displayed one (万 → 亿 divides by 10,000). */
export function unitFactor(unit: string, mode: UnitMode): number {
  return mode === 'yi' && unit.startsWith('万') ? 1e-4 : 1;
}

const unitEn: Record<string, string> = {
  万元: '10k CNY',
  亿元: '100m CNY',
  万千瓦时: '10 MWh',
  亿千瓦时: '100 GWh',
  人: 'persons',
  '%': '%',
};

/** The unit shown next to a figure: ("万元", "yi") → "亿元". */
export function displayUnit(unit: string, mode: UnitMode, locale: Locale = 'zh'): string {
  const zh = mode === 'yi' && unit.startsWith('万') ? `亿${unit.slice(1)}` : unit;
  return locale === 'en' ? (unitEn[zh] ?? zh) : zh;
}

/** Decimals used for an amount in the displayed unit. */
export function amountDecimals(unit: string, mode: UnitMode): number {
  if (unit === '%') return 1;
  if (unit === '人' || unit === '家' || unit === '个') return 0;
  return unitFactor(unit, mode) !== 1 ? 2 : 1;
}

/** 123456.7 万元 in 亿元 mode → "12.35"; in 万元 mode → "123,456.7". */
export function formatAmount(x: number | null | undefined, unit: string, mode: UnitMode): string {
  if (!isNum(x)) return DASH;
  return formatFixed(x * unitFactor(unit, mode), amountDecimals(unit, mode));
}

// ---------- periods ----------

export function parsePeriod(p: string | null | undefined): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(p ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

export function shiftPeriod(p: string, months: number): string {
  const q = parsePeriod(p);
  if (!q) return p;
  const t = q.year * 12 + (q.month - 1) + months;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** Periods from..to inclusive (empty if from > to or either is malformed). */
export function periodRange(from: string, to: string): string[] {
  if (!parsePeriod(from) || !parsePeriod(to) || from > to) return [];
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 1200; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2025-06", cumulative → "2025年1-6月"; month → "2025年6月". January–February: the cumulative
 * February is "1-2月"; a monthly February is shown as "1-2月" too when January is not published
 * separately (janFebMerged), as the statistical releases do.
 */
export function periodLabel(p: string, basis: Basis = 'month', locale: Locale = 'zh', opts: { janFebMerged?: boolean } = {}): string {
  const q = parsePeriod(p);
  if (!q) return p ? p : DASH;
  const range = q.month > 1 && (basis === 'cumulative' || (opts.janFebMerged && q.month === 2));
  if (locale === 'en') {
    return range ? `${monthsEn[0]}–${monthsEn[q.month - 1]} ${q.year}` : `${monthsEn[q.month - 1]} ${q.year}`;
  }
  return range ? `${q.year}年1-${q.month}月` : `${q.year}年${q.month}月`;
}

/** The month part only: "1-6月" / "6月" (zh) or "Jan–Jun" / "Jun" (en). */
export function monthLabel(p: string, basis: Basis = 'month', locale: Locale = 'zh'): string {
  const q = parsePeriod(p);
  if (!q) return DASH;
  const range = q.month > 1 && basis === 'cumulative';
  if (locale === 'en') return range ? `Jan–${monthsEn[q.month - 1]}` : monthsEn[q.month - 1];
  return range ? `1-${q.month}月` : `${q.month}月`;
}

// ---------- measures ----------

export type MeasureKind = 'amount' | 'growth' | 'points' | 'percent' | 'count';

export function measureKind(measure: string): MeasureKind {
  switch (measure) {
    case 'value':
    case 'ytd':
      return 'amount';
    case 'yoy':
    case 'ytd_yoy':
    case 'yoy_2y':
    case 'yoy_real':
    case 'ytd_yoy_real':
    case 'mom_sa':
    case 'quarter_yoy':
    case 'half_yoy':
    case 'quarter_yoy_real':
    case 'half_yoy_real':
      return 'growth';
    case 'contrib_pp':
      return 'points';
    case 'contrib_share':
    case 'share':
    case 'growth_breadth':
    case 'report_rate':
      return 'percent';
    case 'n':
    case 'roster':
    case 'entrants':
    case 'exits':
      return 'count';
    default:
      return 'amount';
  }
}

/** The figure as displayed, rounded; null when undefined. Exports use exactly this number. */
export function measureNumber(measure: string, x: number | null | undefined, unit: string, mode: UnitMode): number | null {
  if (!isNum(x)) return null;
  switch (measureKind(measure)) {
    case 'amount':
      return round(x * unitFactor(unit, mode), amountDecimals(unit, mode));
    case 'growth':
    case 'percent':
      return round(x, 1);
    case 'points':
      return round(x, 2);
    case 'count':
      return round(x, 0);
  }
}

export function formatMeasure(measure: string, x: number | null | undefined, unit: string, mode: UnitMode): string {
  switch (measureKind(measure)) {
    case 'amount':
      return unit === '%' ? formatPercent(x) : formatAmount(x, unit, mode);
    case 'growth':
      return formatGrowth(x);
    case 'points':
      return formatPoints(x);
    case 'percent':
      return formatPercent(x);
    case 'count':
      return formatInteger(x);
  }
}

/** The unit of a measure's column: amounts carry the indicator's unit, growth "%", pulls "百分点". */
export function measureUnit(measure: string, unit: string, mode: UnitMode, locale: Locale = 'zh'): string {
  switch (measureKind(measure)) {
    case 'amount':
      return displayUnit(unit, mode, locale);
    case 'growth':
    case 'percent':
      return '%';
    case 'points':
      return locale === 'en' ? 'pp' : '百分点';
    case 'count':
      return locale === 'en' ? 'firms' : '家';
  }
}

// ---------- CSV ----------

export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (isNum(v) ? String(v) : DASH) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark so that Excel opens Chinese text correctly. */
export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
