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
export type Role = 'admin' | 'analyst' | 'dispatcher' | 'handler' | 'enterprise' | 'viewer';
export interface SessionUser {
  username: string;
  role: Role | string;
  region: CodeName;
  unit?: string;
  uscc?: string;
}
export interface SessionInfo {
  user: SessionUser;
  csrf_token: string;
  token?: string;
  expires_at?: number;
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

// ---- warnings and policy targets (docs/api.md, "Warnings and policy targets") ----
export type AlertLevel = 'red' | 'orange' | 'yellow' | 'blue';
export type AlertState = 'pending' | 'firing' | 'resolved';
export type AlertHandling = 'open' | 'acknowledged' | 'assigned' | 'handled' | 'closed';
export interface AlertSubject {
  kind: 'enterprise' | 'region' | 'industry' | 'commodity' | 'target' | string;
  key: string;
  name: string;
  region?: string | null;
  industry?: string | null;
}
export interface Alert {
  id: number | string;
  fingerprint: string;
  rule_id: string;
  family: string;
  subject: AlertSubject;
  level: AlertLevel;
  state: AlertState;
  period: string;
  value: number | null;
  threshold: number | null;
  streak: number | null;
  message_zh: string;
  message_en: string;
  starts_at: string | null;
  fired_at: string | null;
  updated_at: string | null;
  resolved_at: string | null;
  silenced_by: number | string | null;
  inhibited: boolean;
  handling: AlertHandling;
  assignee: string | null;
  deadline: string | null;
  note: string | null;
  /** The target's units (target alerts); a list, or a joined string. */
  units?: string[] | string | null;
}
export type LevelCounts = Record<AlertLevel, number>;
export interface AlertEvent {
  at: string;
  actor: string;
  action: string;
  from?: string | null;
  to?: string | null;
  detail?: string | null;
}
export interface Silence {
  id: number | string;
  rule_id?: string | null;
  family?: string | null;
  subject_key?: string | null;
  region?: string | null;
  author: string;
  reason: string;
  starts_at: string;
  ends_at: string;
  expired_at?: string | null;
  expired_by?: string | null;
}
export interface RuleDef {
  id: string;
  family?: string;
  name?: { zh?: string; en?: string };
  subject?: string;
  op?: string;
  levels?: Partial<Record<AlertLevel, number>>;
  why?: string;
  [k: string]: unknown;
}
export interface RuleView {
  id: string;
  source: string;
  revision: number;
  updated_by: string;
  updated_at: string;
  enabled: boolean;
  rule: RuleDef;
}
export type TargetStatus = 'no_data' | 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'qualitative';
export interface ProgressEntry {
  value: number | null;
  date: string;
  note?: string | null;
  attachment?: string | null;
  user: string;
  created_at: string;
}
export interface Target {
  id: string;
  document: { id: string; title: string; number?: string | null };
  clause: string;
  clause_title?: string | null;
  text: string;
  type: 'cumulative' | 'level' | 'growth' | 'qualitative' | string;
  /** `{kind,…}` in the catalog files; the server sends the kind alone. */
  metric?: { kind: string; [k: string]: unknown } | string | null;
  comparator?: string | null;
  value: number | null;
  unit?: string | null;
  start: string;
  deadline: string;
  path?: unknown;
  units_text?: string | null;
  lead_units: string[];
  cooperating_units: string[];
  qualitative: boolean;
  status: TargetStatus;
  expected: number | null;
  actual: number | null;
  fraction: number | null;
  behind_pct: number | null;
  actual_source?: string | null;
  actual_period?: string | null;
  reports: number;
  latest: ProgressEntry | null;
  /** Not in the contract (yet): the start of the path; 0 is assumed for the progress bar. */
  baseline?: number | null;
}
export interface AlertQuery {
  level?: string;
  state?: string;
  handling?: string;
  region?: string;
  unit?: string;
  rule?: string;
  kind?: string;
  include_closed?: string;
  limit?: number;
}


// ---- enterprise service (docs/api.md, "Enterprise service"; docs/service.md) ----
export type AppealState = 'submitted' | 'accepted' | 'dispatched' | 'in_progress' | 'returned' | 'replied' | 'rated' | 'closed' | 'merged' | 'withdrawn' | 'not_responsible';
export interface Appeal {
  id: number;
  version: number;
  uscc: string;
  enterprise_name: string;
  region: string;
  category: string;
  title: string;
  description: string;
  attachments: string[];
  contact: string;
  channel: string;
  filed_by: string;
  filed_at: string;
  state: AppealState | string;
  unit: string;
  co_units: string[];
  complexity: string;
  dispatched_at: string;
  response_due: string;
  due: string;
  first_response_at: string;
  replied_at: string;
  reply: string;
  extension_days_requested: number;
  extensions: number;
  escalations: number;
  reopen_count: number;
  rating_solved: boolean | null;
  satisfaction: string;
  rated_at: string;
  closed_at: string;
  merged_into: number | null;
  updated_at: string;
  overdue: boolean;
}
export interface AppealEvent {
  at: string;
  actor: string;
  party: string;
  action: string;
  from: string;
  to: string;
  unit: string;
  reason: string;
}
export interface Official {
  uscc: string;
  username: string;
  name: string;
  unit: string;
  region: string;
}
export interface AppealCategory {
  code: string;
  name: string;
  complexity: string;
}
export interface Reminder {
  appeal_id: number;
  deadline: 'response' | 'handling' | string;
  kind: 'due_tomorrow' | 'overdue' | string;
  due: string;
}
export interface Ratio {
  num: number;
  den: number;
  percent: number | null;
}
export interface MetricsRow {
  key: string;
  filed: number;
  withdrawn: number;
  merged: number;
  not_responsible: number;
  in_scope: number;
  response: Ratio;
  on_time_closure: Ratio;
  resolution: Ratio;
  satisfaction: Ratio;
  reopen: Ratio;
  average_handling_days: number | null;
}
export interface MatchTotals {
  events_by_type: Record<string, number>;
  finance_events: number;
  financing_amount: number;
  research_results: number;
  hires: number;
  enterprises: number;
  targets: { finance_events: number; financing_amount: number; research_results: number };
}
export type AppealAction = 'accept' | 'decline' | 'dispatch' | 'return' | 'reassign' | 'request-extension' | 'approve-extension' | 'escalate' | 'merge' | 'start' | 'reply' | 'rate' | 'reopen' | 'close' | 'withdraw';

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
function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

type Params = Record<string, string | number | undefined | null>;

export function buildUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function parse<T>(res: Response, path = ''): Promise<T> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
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

/** A write (POST/PATCH/DELETE) with a JSON body; carries the CSRF token. */
export async function apiSend<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
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
  session: () => apiGet<SessionInfo>('/session'),
  login: (username: string, password: string) => apiSend<SessionInfo>('POST', '/session', { username, password }),
  logout: () => apiSend<unknown>('DELETE', '/session'),
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
  // warnings and policy targets
  alerts: (p: AlertQuery, signal?: AbortSignal) => apiGet<{ alerts: Alert[]; counts: LevelCounts }>('/alerts', { ...p }, signal),
  alert: (id: string | number, signal?: AbortSignal) => apiGet<{ alert: Alert; events: AlertEvent[] }>(`/alerts/${encodeURIComponent(String(id))}`, {}, signal),
  alertStep: (id: string | number, step: 'acknowledge' | 'assign' | 'handle' | 'close', body: Record<string, string>) =>
    apiSend<{ alert: Alert }>('POST', `/alerts/${encodeURIComponent(String(id))}/${step}`, body),
  silences: (active: boolean, signal?: AbortSignal) => apiGet<{ silences: Silence[] }>('/silences', { active: active ? 1 : 0 }, signal),
  createSilence: (body: Record<string, string>) => apiSend<{ silence: Silence }>('POST', '/silences', body),
  expireSilence: (id: string | number) => apiSend<{ status: string }>('DELETE', `/silences/${encodeURIComponent(String(id))}`),
  rules: (signal?: AbortSignal) => apiGet<{ rules: RuleView[] }>('/rules', {}, signal),
  targets: (p: { document?: string; unit?: string; status?: string }, signal?: AbortSignal) => apiGet<{ targets: Target[] }>('/targets', p, signal),
  target: (id: string, signal?: AbortSignal) => apiGet<{ target: Target; progress: ProgressEntry[] }>(`/targets/${encodeURIComponent(id)}`, {}, signal),
  reportProgress: (id: string, body: { value: number; date: string; note?: string; attachment?: string }) =>
    apiSend<{ progress: ProgressEntry }>('POST', `/targets/${encodeURIComponent(id)}/progress`, body),
  // enterprise service
  appealCategories: () => apiGet<{ categories: AppealCategory[]; deadlines: Record<string, number> }>('/appeal-categories'),
  appeals: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<{ appeals: Appeal[] }>('/appeals', p, signal),
  appeal: (id: string | number, signal?: AbortSignal) => apiGet<{ appeal: Appeal; history: AppealEvent[]; officials: Official[] }>(`/appeals/${encodeURIComponent(String(id))}`, {}, signal),
  fileAppeal: (body: Record<string, unknown>) => apiSend<{ appeal: Appeal; possible_duplicates: number[] }>('POST', '/appeals', body),
  appealStep: (id: string | number, action: AppealAction, body: Record<string, unknown>) => apiSend<{ appeal: Appeal }>('POST', `/appeals/${encodeURIComponent(String(id))}/${action}`, body),
  reminders: (signal?: AbortSignal) => apiGet<{ reminders: Reminder[] }>('/appeal-reminders', {}, signal),
  serviceMetrics: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<{ rows: MetricsRow[]; resolution_target: { id: string; percent: number } | null }>('/service/metrics', p, signal),
  coverage: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<{ rows: { key: string; covered: Ratio }[] }>('/service/coverage', p, signal),
  matchTotals: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<MatchTotals>('/matchmaking/totals', p, signal),
};
