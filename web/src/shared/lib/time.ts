// Times as the UI shows them (the browser's local time).
import { DASH } from './format';

/** "2026-11-22T09:12:00Z" → "2026-11-22 17:12" (local time); "—" when missing or malformed. */
export function fmtTime(s: string | null | undefined, seconds = false): string {
  if (!s) return DASH;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}${seconds ? `:${p(d.getSeconds())}` : ''}`;
}

/** Today as YYYY-MM-DD in local time. */
export function todayDate(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
