// The HTTP plumbing of the API: every failure becomes an ApiError that views show; writes carry
// the CSRF token; a 401 (other than of the session routes) ends the session.
import type { ErrorBody } from './openapi';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: Record<string, unknown> = {},
    /** Seconds, from the Retry-After header of a 429. */
    public retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API_BASE = '/api/v1';

// ---- session plumbing: the CSRF token lives in memory only; a 401 sends the user to /login ----
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
let onUnauthorized: ((e: ApiError) => void) | null = null;
/** Called on any 401 of a request other than the session routes (the session has ended). */
export function setUnauthorizedHandler(fn: ((e: ApiError) => void) | null): void {
  onUnauthorized = fn;
}
export function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

type Params = Record<string, string | number | undefined | null>;

export function buildUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function parse<T>(res: Response, path = ''): Promise<T> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = (body as ErrorBody | undefined)?.error;
    const e = new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? (text.slice(0, 200) || res.statusText), err?.details ?? {});
    if (res.status === 429) e.retryAfter = Number(res.headers.get('retry-after')) || null;
    if (res.status === 401 && path !== '/session' && onUnauthorized) onUnauthorized(e);
    throw e;
  }
  if (body === undefined) throw new ApiError(res.status, 'bad_response', 'the server answered something that is not JSON');
  return body as T;
}

export async function apiGet<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, params), { signal, headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', (e as Error).message);
  }
  return parse<T>(res, path);
}

/** A write (POST/PUT/PATCH/DELETE) with a JSON body; carries the CSRF token. */
export async function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path), {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...writeHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message);
  }
  if (res.status === 204) return {} as T;
  const text = await res.clone().text();
  if (res.ok && !text) return {} as T;
  return parse<T>(res, path);
}

