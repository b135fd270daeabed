// Catalogs, analysis (table, series, rankings), enterprises and imports (docs/api.md). The
// answers' types come from the generated schema.d.ts where the OpenAPI document types them (see
// openapi.ts); the interfaces here are what the UI reads until it does.
import { API_BASE, apiGet, ApiError, parse, writeHeaders } from './http';
import type { Query, Reply } from './openapi';
import type { components } from './schema';

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
/** One answer of the enterprise search. */
export interface EnterpriseHit {
  uscc: string;
  name: string;
  region: CodeName;
  industry: CodeName;
}
export type Values = Record<string, number | null>;
/** Disclosure control: why the figures are withheld from this caller / what publication would withhold. */
export type SdcReason = 'threshold' | 'dominance' | 'p' | 'secondary';
export interface SdcMarks {
  suppressed?: SdcReason | null;
  would_suppress?: SdcReason | null;
}
export interface Row extends SdcMarks {
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
export interface SeriesPoint extends SdcMarks {
  period: string;
  values: Values;
  n: number | null;
}
export interface RankingRow extends SdcMarks {
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

export async function apiUpload(file: File, onProgress?: (pct: number) => void): Promise<ImportResponse> {
  // XMLHttpRequest for upload progress on large files.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/imports`);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(writeHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'upload failed'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      parse<ImportResponse>(res, '/imports').then(resolve, reject);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The parent comes as a cell ({region:{…}, industry:{…}, …}); the UI gets {code, name} of the node along `dim`. */
export function normalizeTable(t: components['schemas']['Table'], dim: string): TableResponse {
  const p = t.parent;
  const node = dim === 'industry' ? p?.industry : p?.region;
  const parent: Row = {
    code: node?.code ?? '',
    name: node?.name ?? '',
    values: p?.values ?? {},
    n: p?.n ?? null,
    rank: null,
    suppressed: p?.suppressed ?? null,
    would_suppress: p?.would_suppress ?? null,
  };
  return { dim: t.dim, parent, rows: Array.isArray(t.rows) ? t.rows : [] };
}

export const dataApi = {
  health: (signal?: AbortSignal) => apiGet<Reply<'/api/v1/health', 'get', Health>>('/health', {}, signal),
  regions: () => apiGet<Reply<'/api/v1/catalog/regions', 'get', TreeNode>>('/catalog/regions'),
  industries: () => apiGet<Reply<'/api/v1/catalog/industries', 'get', TreeNode>>('/catalog/industries'),
  indicators: () => apiGet<Reply<'/api/v1/catalog/indicators', 'get', Indicator[]>>('/catalog/indicators'),
  measures: () => apiGet<Reply<'/api/v1/catalog/measures', 'get', Measure[]>>('/catalog/measures'),
  nowcast: (p: { period: string; region?: string; industry?: string; indicator?: string }, signal?: AbortSignal) =>
    apiGet<Reply<'/api/v1/nowcast', 'get', components['schemas']['Nowcast']>>('/nowcast', p as Query<'/api/v1/nowcast'>, signal),
  periods: () => apiGet<Reply<'/api/v1/periods', 'get', { periods: string[]; latest: string | null }>>('/periods'),
  imports: (signal?: AbortSignal) => apiGet<Reply<'/api/v1/imports', 'get', { batches: Batch[] }>>('/imports', {}, signal),
  table: (p: { indicator: string; measures: string[]; period: string; region?: string; industry?: string; tag?: string; park?: string; dim: string; sort?: string; order?: string }, signal?: AbortSignal) => {
    // dim and order come from the UI's own choices (region/industry/enterprise, asc/desc).
    const q = { ...p, measures: p.measures.join(',') } as Query<'/api/v1/table'>;
    return apiGet<Reply<'/api/v1/table', 'get', TableResponse>>('/table', q, signal).then((t) => normalizeTable(t, p.dim));
  },
  series: (p: { indicator: string; measures: string[]; from: string; to: string; region?: string; industry?: string; tag?: string }, signal?: AbortSignal) => {
    const q: Query<'/api/v1/series'> = { ...p, measures: p.measures.join(',') };
    return apiGet<Reply<'/api/v1/series', 'get', { points: SeriesPoint[] }>>('/series', q, signal);
  },
  rankings: (p: Query<'/api/v1/rankings'> & { measure: string; period: string }, signal?: AbortSignal) =>
    apiGet<Reply<'/api/v1/rankings', 'get', { rows: RankingRow[] }>>('/rankings', p, signal),
  /** The search box: enterprises by name or USCC inside the caller's scope. */
  searchEnterprises: (q: string, signal?: AbortSignal) =>
    apiGet<Reply<'/api/v1/enterprises', 'get', { enterprises: EnterpriseHit[] }>>('/enterprises', { q, limit: 20 }, signal),
  enterprise: (uscc: string, signal?: AbortSignal) => apiGet<Reply<'/api/v1/enterprises/{uscc}', 'get', Enterprise>>(`/enterprises/${encodeURIComponent(uscc)}`, {}, signal),
  enterpriseSeries: (uscc: string, p: Omit<Query<'/api/v1/enterprises/{uscc}/series'>, 'uscc'>, signal?: AbortSignal) =>
    apiGet<Reply<'/api/v1/enterprises/{uscc}/series', 'get', { points: EnterprisePoint[] }>>(`/enterprises/${encodeURIComponent(uscc)}/series`, p, signal),
};
