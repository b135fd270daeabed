// Downloading the monthly bulletin (GET /api/v1/bulletin): the file the server names, or the
// server's error as an ApiError for the page to show.
import { dispositionName, downloadFile } from '../../shared/lib/download';

export type BulletinFormat = 'docx' | 'pdf' | 'xlsx';
export const BULLETIN_FORMATS: BulletinFormat[] = ['docx', 'pdf', 'xlsx'];

/** The file name of Content-Disposition, else the name the server would give. */
export function bulletinFileName(disposition: string | null, region: string, period: string, format: BulletinFormat): string {
  return dispositionName(disposition, `bulletin-${region}-${period}.${format}`);
}

/** January is published together with February (1—2月): no bulletin of its own. */
export function isJanuary(period: string): boolean {
  return /^\d{4}-01$/.test(period);
}

export function downloadBulletin(region: string, period: string, format: BulletinFormat): Promise<string> {
  return downloadFile('/bulletin', { region, period, format }, bulletinFileName(null, region, period, format));
}
