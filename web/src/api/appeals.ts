// The enterprise service, 万人助万企 (docs/api.md, "Enterprise service"; docs/service.md).
import { API_BASE, apiGet, apiSend, parse, writeHeaders } from './http';
import type { Reply } from './openapi';

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
  /** By when a filed appeal is to be accepted and dispatched; the end of the rating window. */
  accept_due?: string;
  rating_due?: string;
  /** The current deadline lies past the known calendar (statutory holidays only). */
  due_provisional?: boolean;
  /** The steps the caller may take now (the action segment of POST /appeals/{id}/{action}). */
  allowed_actions?: string[];
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
/** One reply of the thread (author "" for the enterprise). */
export interface AppealReply {
  at: string;
  author: string;
  unit: string;
  body: string;
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
/** A file of an appeal (GET /appeals/{id}/attachments). */
export interface AppealAttachment {
  id: number;
  appeal_id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  internal: boolean;
  uploaded_by: string;
  uploaded_at: string;
}
/** Where a file downloads (same-origin: the session cookie goes along). */
export function attachmentUrl(appealId: number | string, id: number): string {
  return `${API_BASE}/appeals/${encodeURIComponent(String(appealId))}/attachments/${id}`;
}
/** Uploads one file (multipart field 'file'); internal = for staff only. */
export async function uploadAttachment(appealId: number | string, file: File, internal: boolean): Promise<AppealAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (internal) form.append('internal', '1');
  const path = `/appeals/${encodeURIComponent(String(appealId))}/attachments`;
  const res = await fetch(`${API_BASE}${path}`, { method: 'POST', body: form, headers: { accept: 'application/json', ...writeHeaders() }, credentials: 'same-origin' });
  return parse<AppealAttachment>(res, path);
}
/** GET /service/statistics: the leader's statistics (docs/service.md). */
export interface StatsCrossRow {
  category: string;
  region: string;
  unit: string;
  filed: number;
  in_scope: number;
  open: number;
  closed: number;
  overdue: number;
}
export interface StatsUnitRow {
  unit: string;
  in_scope: number;
  open: number;
  overdue: Ratio;
  escalated: Ratio;
  escalations: number;
  satisfaction: Ratio;
  resolution: Ratio;
  on_time_closure: Ratio;
  unrated_default: number;
}
export interface ServiceStatistics {
  today: string;
  cross: StatsCrossRow[];
  topics: { period: string; category: string; filed: number }[];
  units: StatsUnitRow[];
  overdue_ranking: string[];
  escalation_ranking: string[];
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
/** A co-unit's part of a joint (会办) appeal (GET /appeals/{id}/joint): internal, staff only. */
export interface JointPart {
  id: number;
  appeal_id: number;
  unit: string;
  question: string;
  due: string;
  state: 'open' | 'answered' | 'waived';
  overdue: boolean;
  answer: string;
  answered_by: string;
  answered_at: string;
  waive_reason: string;
  waived_by: string;
  waived_at: string;
  added_by: string;
  added_at: string;
}
/** A 督办 notice: addressed to one unit, with its own number, deadline and answer. */
export interface AppealNotice {
  id: number;
  number: string;
  appeal_id: number;
  region: string;
  unit: string;
  reason: string;
  due: string;
  state: 'open' | 'answered';
  status: 'open' | 'answered' | 'overdue';
  answer: string;
  answered_by: string;
  answered_at: string;
  created_by: string;
  created_at: string;
}
/** The action segments of POST /appeals/{id}/{action}, in the order the drawer offers them. */
export const ACTIONS = ['accept', 'decline', 'dispatch', 'return', 'reassign', 'start', 'request-extension', 'approve-extension', 'escalate', 'merge', 'reply', 'rate', 'reopen', 'close', 'withdraw'] as const;
export type AppealAction = (typeof ACTIONS)[number];

export const appealsApi = {
  appealCategories: () => apiGet<Reply<'/api/v1/appeal-categories', 'get', { categories: AppealCategory[]; deadlines: Record<string, number> }>>('/appeal-categories'),
  appeals: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<Reply<'/api/v1/appeals', 'get', { appeals: Appeal[] }>>('/appeals', p, signal),
  appeal: (id: string | number, signal?: AbortSignal) => apiGet<Reply<'/api/v1/appeals/{id}', 'get', { appeal: Appeal; history: AppealEvent[]; officials: Official[]; replies?: AppealReply[]; internal?: boolean }>>(`/appeals/${encodeURIComponent(String(id))}`, {}, signal),
  fileAppeal: (body: Record<string, unknown>) => apiSend<Reply<'/api/v1/appeals', 'post', { appeal: Appeal; possible_duplicates: number[] }>>('POST', '/appeals', body),
  appealStep: (id: string | number, action: AppealAction, body: Record<string, unknown>) => apiSend<Reply<'/api/v1/appeals/{id}/{action}', 'post', { appeal: Appeal }>>('POST', `/appeals/${encodeURIComponent(String(id))}/${action}`, body),
  reminders: (signal?: AbortSignal) => apiGet<Reply<'/api/v1/appeal-reminders', 'get', { reminders: Reminder[] }>>('/appeal-reminders', {}, signal),
  serviceMetrics: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<Reply<'/api/v1/service/metrics', 'get', { rows: MetricsRow[]; resolution_target: { id: string; percent: number } | null }>>('/service/metrics', p, signal),
  attachments: (id: number | string, signal?: AbortSignal) => apiGet<Reply<'/api/v1/appeals/{id}/attachments', 'get', { attachments: AppealAttachment[] }>>(`/appeals/${encodeURIComponent(String(id))}/attachments`, {}, signal),
  joint: (id: number | string, signal?: AbortSignal) => apiGet<{ parts: JointPart[]; notices: AppealNotice[] }>(`/appeals/${encodeURIComponent(String(id))}/joint`, {}, signal),
  addCoUnit: (id: number | string, body: { unit: string; question: string; days?: number }) => apiSend<JointPart>('POST', `/appeals/${encodeURIComponent(String(id))}/co-units`, body),
  answerPart: (id: number | string, part: number, answer: string) => apiSend<JointPart>('POST', `/appeals/${encodeURIComponent(String(id))}/co-units/${part}/answer`, { answer }),
  waivePart: (id: number | string, part: number, reason: string) => apiSend<JointPart>('POST', `/appeals/${encodeURIComponent(String(id))}/co-units/${part}/waive`, { reason }),
  notices: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<{ notices: AppealNotice[] }>('/appeal-notices', p, signal),
  answerNotice: (id: number, answer: string) => apiSend<AppealNotice>('POST', `/appeal-notices/${id}/answer`, { answer }),
  serviceStatistics: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<Reply<'/api/v1/service/statistics', 'get', ServiceStatistics>>('/service/statistics', p, signal),
  coverage: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<Reply<'/api/v1/service/coverage', 'get', { rows: { key: string; covered: Ratio }[] }>>('/service/coverage', p, signal),
  matchTotals: (p: Record<string, string | undefined>, signal?: AbortSignal) => apiGet<Reply<'/api/v1/matchmaking/totals', 'get', MatchTotals>>('/matchmaking/totals', p, signal),
};
