// CSV and XLSX downloads of exactly the rows and columns a view shows (same order, same rounding,
// same unit; undefined figures as "—", figures withheld by disclosure control as "…" with a
// footnote saying why, see disclosure.ts).
import { toCsv } from './format';

export type Cell = string | number | null;
export interface Sheet {
  name: string; // file name without extension
  header: string[];
  rows: Cell[][];
  /** lines written under the table after an empty row (e.g. what "…" means) */
  footnotes?: string[];
}

/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) gets a
 * leading apostrophe (OWASP "CSV injection"); numbers stay numbers, so "-3.5" typed as a number is
 * untouched while the text "=HYPERLINK(…)" is shown as text.
 */
export function neutralize(v: Cell): Cell {
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The header, rows and footnotes of a sheet as they are written, every cell neutralised. */
export function sheetCells(sheet: Sheet): Cell[][] {
  const notes = sheet.footnotes ?? [];
  const tail: Cell[][] = notes.length ? [[], ...notes.map((n) => [n])] : [];
  return [sheet.header, ...sheet.rows, ...tail].map((r) => r.map(neutralize));
}

export function saveBlob(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);
}

export function downloadCsv(sheet: Sheet): void {
  const csv = toCsv(sheetCells(sheet));
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${safeName(sheet.name)}.csv`);
}

/** The cells of a sheet as write-excel-file takes them: a bold header, the rows, the footnotes. */
export function xlsxData(sheet: Sheet): Array<Array<{ value: string | number; fontWeight?: 'bold' } | null>> {
  const [header, ...rows] = sheetCells(sheet);
  return [header.map((h) => ({ value: h ?? '', fontWeight: 'bold' as const })), ...rows.map((r) => r.map((v) => (v === null ? null : { value: v })))];
}

export async function downloadXlsx(sheet: Sheet): Promise<void> {
  const { default: writeExcelFile } = await import('write-excel-file/browser');
  const blob = await writeExcelFile(xlsxData(sheet) as never).toBlob();
  saveBlob(blob, `${safeName(sheet.name)}.xlsx`);
}
