// Downloading the monthly bulletin (GET /api/v1/bulletin): the file the server names, or the
// server's error as an ApiError for the page to show.
import { buildUrl, parse } from '../../api/http';

export type BulletinFormat = 'docx' | 'pdf' | 'xlsx';
export const BULLETIN_FORMATS: BulletinFormat[] = ['docx', 'pdf', 'xlsx'];

/** The file name of Content-Disposition, else the name the server would give. */
export function bulletinFileName(disposition: string | null, region: string, period: string, format: BulletinFormat): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m?.[1] ?? `bulletin-${region}-${period}.${format}`;
}

/** January is published together with February (1—2月): no bulletin of its own. */
export function isJanuary(period: string): boolean {
  return /^\d{4}-01$/.test(period);
}

export async function downloadBulletin(region: string, period: string, format: BulletinFormat): Promise<string> {
  const path = '/bulletin';
  const res = await fetch(buildUrl(path, { region, period, format }), { credentials: 'same-origin' });
  if (!res.ok) await parse<never>(res, path);  // throws the server's error
  const blob = await res.blob();
  const name = bulletinFileName(res.headers.get('content-disposition'), region, period, format);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}
