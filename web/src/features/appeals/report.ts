// The monthly service report (企业服务月报, GET /api/v1/service/report): the appeals filed in one
// Beijing month, as the server writes them into a Word, PDF or Excel file (docs/service.md).
import { downloadFile } from '../../shared/lib/download';

export type ReportFormat = 'docx' | 'pdf' | 'xlsx';
export const REPORT_FORMATS: ReportFormat[] = ['docx', 'pdf', 'xlsx'];

/** The month before the Beijing month of `now` (YYYY-MM): the last whole month. */
export function lastMonth(now: Date = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600e3); // Beijing
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

/** Saves the report of `month` (the caller's scope; the server decides it); resolves to the name. */
export function downloadServiceReport(month: string, format: ReportFormat): Promise<string> {
  return downloadFile('/service/report', { month, format }, `service-report-${month}.${format}`);
}
