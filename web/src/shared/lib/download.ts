// Downloading a document the server builds (GET, answered as an attachment): the browser saves it
// under the name the server gives; a refusal becomes the server's ApiError for the page to show.
import { buildUrl, parse } from '../../api/http';

/** The file name of Content-Disposition, else `fallback`. */
export function dispositionName(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m?.[1] ?? fallback;
}

/** Fetches `path` with `params` and saves the answer; resolves to the file's name. */
export async function downloadFile(path: string, params: Record<string, string>, fallback: string): Promise<string> {
  const res = await fetch(buildUrl(path, params), { credentials: 'same-origin' });
  if (!res.ok) await parse<never>(res, path); // throws the server's error
  const blob = await res.blob();
  const name = dispositionName(res.headers.get('content-disposition'), fallback);
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
