// Disclosure-control markers (docs/security.md, "Statistical disclosure control"): a cell the
// server withholds ("suppressed") shows "…" with the rule as its title, never "—" or 0; a cell an
// analyst sees but publication would withhold ("would_suppress") keeps its figure with a dagger.
import type { SdcMarks, SdcReason } from '../../api/data';
import type { Cell, Sheet } from './export';
import { t } from './i18n';

export type { SdcReason };
/** Anything carrying the server's two markers: a cell, table row or parent, series point, ranking row. */
export type Marked = SdcMarks;

export const ELLIPSIS = '…';
export const DAGGER = '†';
const REASONS: readonly string[] = ['threshold', 'dominance', 'p', 'secondary'];

function reasonOf(x: unknown): SdcReason | null {
  return typeof x === 'string' && REASONS.includes(x) ? (x as SdcReason) : null;
}
export function suppressedOf(m: Marked | null | undefined): SdcReason | null {
  return reasonOf(m?.suppressed);
}
/** would_suppress only counts when the figures are shown (a suppressed cell is "…" anyway). */
export function wouldSuppressOf(m: Marked | null | undefined): SdcReason | null {
  return suppressedOf(m) ? null : reasonOf(m?.would_suppress);
}

/** "门槛规则" / "threshold rule" */
export function reasonName(r: SdcReason): string {
  return t(`sdc.reason.${r}`);
}
/** The title of a "…" cell: "门槛规则 — 依法不公布". */
export function suppressedTitle(r: SdcReason): string {
  return t('sdc.suppressedTitle', { reason: reasonName(r) });
}
/** The title of a † marker: "公布时将按门槛规则隐匿". */
export function wouldSuppressTitle(r: SdcReason): string {
  return t('sdc.wouldTitle', { reason: reasonName(r) });
}

export interface FigureView {
  /** the text shown: "…" when withheld, else the formatted figure */
  text: string;
  /** the tooltip: the rule, or '' */
  title: string;
  /** '†' when publication would withhold the figure, else '' */
  mark: string;
  state: 'suppressed' | 'would' | null;
}

/** How one figure of a marked row is shown; `formatted` is the figure as the view formats it. */
export function figureView(m: Marked | null | undefined, formatted: string): FigureView {
  const s = suppressedOf(m);
  if (s) return { text: ELLIPSIS, title: suppressedTitle(s), mark: '', state: 'suppressed' };
  const w = wouldSuppressOf(m);
  if (w) return { text: formatted, title: wouldSuppressTitle(w), mark: DAGGER, state: 'would' };
  return { text: formatted, title: '', mark: '', state: null };
}

/**
 * A figure as exported: "…" when withheld (never 0 or empty), the displayed number, or "—" when
 * the figure is undefined.
 */
export function exportFigure(m: Marked | null | undefined, x: number | null | undefined): Cell {
  if (suppressedOf(m)) return ELLIPSIS;
  return typeof x === 'number' && Number.isFinite(x) ? x : '—';
}

/** The column an export adds when some of its rows would be withheld on publication ('' when none). */
export function wouldSuppressCell(m: Marked | null | undefined): Cell {
  const w = wouldSuppressOf(m);
  return w ? `${DAGGER} ${reasonName(w)}` : '';
}
export function anyWouldSuppress(rows: Array<Marked | null | undefined>): boolean {
  return rows.some((r) => wouldSuppressOf(r) !== null);
}

/** The footnote lines an export ends with: what "…" and "†" mean, only for marks it contains. */
export function disclosureFootnotes(rows: Array<Marked | null | undefined>): string[] {
  const out: string[] = [];
  const reasons = [...new Set(rows.map(suppressedOf).filter((r): r is SdcReason => r !== null))];
  if (reasons.length) out.push(t('sdc.footnoteSuppressed', { reasons: reasons.map(reasonName).join(t('sdc.listSep')) }));
  if (anyWouldSuppress(rows)) out.push(t('sdc.footnoteWould'));
  return out;
}

/**
 * Adds the disclosure column (when some row would be withheld) and the footnotes to a sheet whose
 * `rows[i]` was built from `marks[i]`.
 */
export function withDisclosure(sheet: Sheet, marks: Array<Marked | null | undefined>): Sheet {
  const col = anyWouldSuppress(marks);
  return {
    ...sheet,
    header: col ? [...sheet.header, t('sdc.column')] : sheet.header,
    rows: col ? sheet.rows.map((r, i) => [...r, wouldSuppressCell(marks[i])]) : sheet.rows,
    footnotes: [...(sheet.footnotes ?? []), ...disclosureFootnotes(marks)],
  };
}
