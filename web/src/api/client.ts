// The HTTP contract of docs/api.md, typed. Every failure becomes an ApiError that views show.

export interface CodeName {
  code: string;
  name: string;
}
export interface TreeNode extends CodeName {
  level: number;
  children: TreeNode[];
}
export interface Indicator {
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  kind: string;
  derived: boolean;
}
export interface Measure {
  code: string;
  name_zh: string;
  name_en: string;
  percent: boolean;
}
export type Values = Record<string, number | null>;
export interface Row {
  code: string;
  name: string;
  values: Values;
  n: number | null;
  rank: number | null;
}
export interface TableResponse {
  dim: string;
  parent: Row;
  rows: Row[];
}
export interface SeriesPoint {
  period: string;
  values: Values;
  n: number | null;
}
export interface RankingRow {
  code: string;
  name: string;
  value: number | null;
  rank: number | null;
  prev_rank: number | null;
  rank_change: number | null;
}
export interface Batch {
  id: number | string;
  kind: string;
  file_name: string;
  format?: string;
  sha256: string;
  rows: number;
  user: string;
  created_at: string;
}
export interface ReportItem {
  file?: string;
  line?: number | null;
  row?: number | null;
  column?: string | number | null;
  field?: string | null;
  code?: string;
  message?: string;
  value?: unknown;
  [k: string]: unknown;
}
export interface ImportReport {
  errors: ReportItem[];
  warnings: ReportItem[];
  /** Exact counts; the lists may be truncated for a wholly wrong file. */
  error_count?: number;
  warning_count?: number;
  file?: string;
  kind?: string;
  format?: string;
  rows?: number;
}
export interface ImportResponse {
  status: 'imported' | 'unchanged';
  batch: Batch;
  report: ImportReport;
}
export interface Health {
  status: string;
  version: string;
  enterprises: number;
  batches: number;
  periods: { first: string | null; last: string | null };
}
export interface Enterprise {
  uscc: string;
  name: string;
  region: CodeName;
  industry: CodeName;
  size: string;
  tags: string[];
}
export interface EnterprisePoint {
  period: string;
  value: number | null;
  ytd: number | null;
  prior: number | null;
  prior_ytd: number | null;
  base: number | null;
  base_ytd: number | null;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API_BASE = '/api/v1';

type Params = Record<string, string | number | undefined | null>;

export function buildUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? (text.slice(0, 200) || res.statusText), err?.details ?? {});
  }
  if (body === undefined) throw new ApiError(res.status, 'bad_response', 'the server answered something that is not JSON');
  return body as T;
}

export async function apiGet<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, params), { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', (e as Error).message);
  }
  return parse<T>(res);
}

export async function apiUpload(file: File, onProgress?: (pct: number) => void): Promise<ImportResponse> {
  // XMLHttpRequest for upload progress on large files.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/imports`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'upload failed'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      parse<ImportResponse>(res).then(resolve, reject);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

type RawParent = Partial<Row> & { region?: CodeName; industry?: CodeName };

/**
 * The parent row may come as a ROW ({code,name,…}) or as a cell ({region:{…}, industry:{…}, …});
 * either way the UI gets {code, name} of the node along `dim`.
 */
export function normalizeTable(t: TableResponse, dim: string): TableResponse {
  const p = (t.parent ?? {}) as RawParent;
  const node = dim === 'industry' ? p.industry : p.region;
  const parent: Row = {
    code: p.code ?? node?.code ?? '',
    name: p.name ?? node?.name ?? '',
    values: p.values ?? {},
    n: p.n ?? null,
    rank: null,
  };
  return { ...t, parent, rows: Array.isArray(t.rows) ? t.rows : [] };
}

export const api = {
  health: (signal?: AbortSignal) => apiGet<Health>('/health', {}, signal),
  regions: () => apiGet<TreeNode>('/catalog/regions'),
  industries: () => apiGet<TreeNode>('/catalog/industries'),
  indicators: () => apiGet<Indicator[]>('/catalog/indicators'),
  measures: () => apiGet<Measure[]>('/catalog/measures'),
  periods: () => apiGet<{ periods: string[]; latest: string | null }>('/periods'),
  imports: (signal?: AbortSignal) => apiGet<{ batches: Batch[] }>('/imports', {}, signal),
  table: (p: { indicator: string; measures: string[]; period: string; region?: string; industry?: string; dim: string; sort?: string; order?: string }, signal?: AbortSignal) =>
    apiGet<TableResponse>('/table', { ...p, measures: p.measures.join(',') }, signal).then((t) => normalizeTable(t, p.dim)),
  series: (p: { indicator: string; measures: string[]; from: string; to: string; region?: string; industry?: string }, signal?: AbortSignal) =>
    apiGet<{ points: SeriesPoint[] }>('/series', { ...p, measures: p.measures.join(',') }, signal),
  rankings: (p: { indicator: string; measure: string; period: string; region?: string; industry?: string }, signal?: AbortSignal) =>
    apiGet<{ rows: RankingRow[] }>('/rankings', p, signal),
  enterprise: (uscc: string, signal?: AbortSignal) => apiGet<Enterprise>(`/enterprises/${encodeURIComponent(uscc)}`, {}, signal),
  enterpriseSeries: (uscc: string, p: { indicator: string; from?: string; to?: string }, signal?: AbortSignal) =>
    apiGet<{ points: EnterprisePoint[] }>(`/enterprises/${encodeURIComponent(uscc)}/series`, p, signal),
};
