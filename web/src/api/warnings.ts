// Warnings and policy targets (docs/api.md, "Warnings and policy targets").
import { apiGet, apiSend } from './http';
import type { Reply } from './openapi';
import type { components } from './schema';

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
  /** The handling steps the caller may take now (acknowledge, assign, handle, close). */
  allowed_actions?: string[];
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
/** A rule in the format of data/rules/, and a rule as GET /rules lists it (generated types). */
export type RuleDef = components['schemas']['RuleBody'];
export type RuleView = components['schemas']['RuleView'];
export type TargetStatus = 'no_data' | 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'qualitative' | 'expired' | 'no_baseline';
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
  /** indicator targets: the indicator measured, and the region the target applies to */
  indicator?: string;
  region?: string;
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
  /** With an actual: whether it meets the final value (shown with 已到期). */
  met?: boolean | null;
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

/** One open episode per subject, its rule hits inside (GET /episodes). */
export interface Episode {
  id: string;
  subject_kind: string;
  subject_key: string;
  subject_name: string;
  region: string;
  industry: string;
  state: 'firing' | 'pending';
  level: AlertLevel;
  started_at: string;
  period: string;
  months: number;
  muted: boolean;
  weight: number;
  persistence: number;
  score: number;
  base_effect: '' | 'base_effect' | 'rebound';
  hits: Alert[];
}
export interface EpisodeCounts {
  total: number;
  by_level: LevelCounts;
  by_kind: Record<string, number>;
  by_region: Record<string, number>;
  by_rule: Record<string, number>;
}
export interface EpisodeQuery {
  region?: string;
  state?: string;
  level?: string;
  kind?: string;
  rule?: string;
  subject?: string;
  include_muted?: string;
  min_score?: number;
  sort?: string;
  offset?: number;
  limit?: number;
}
export interface Pull {
  key: string;
  name: string;
  change: number;
  share_of_fall: number;
  yoy: number | null;
}
export interface Judgement {
  region: string;
  industry: string;
  indicator: string;
  period: string;
  same_sample: number;
  declining: number;
  declining_share: number;
  declining_output_share: number;
  yoy: number | null;
  months_declining: number;
  fall: number;
  top_pulls_share: number;
  top_enterprises: Pull[];
  top_industries: Pull[];
  top_regions: Pull[];
  new_regions: Pull[];
  new_industries: Pull[];
  episodes: Episode[];
  enterprises_hidden: boolean;
}

/** The handling steps: POST /alerts/{id}/{step}. */
export const ALERT_STEPS = ['acknowledge', 'assign', 'handle', 'close'] as const;
export type AlertStep = (typeof ALERT_STEPS)[number];

export const warningsApi = {
  alerts: (p: AlertQuery, signal?: AbortSignal) => apiGet<Reply<'/api/v1/alerts', 'get', { alerts: Alert[]; counts: LevelCounts }>>('/alerts', { ...p }, signal),
  alert: (id: string | number, signal?: AbortSignal) => apiGet<Reply<'/api/v1/alerts/{id}', 'get', { alert: Alert; events: AlertEvent[] }>>(`/alerts/${encodeURIComponent(String(id))}`, {}, signal),
  alertStep: (id: string | number, step: AlertStep, body: Record<string, string>) =>
    apiSend<Reply<`/api/v1/alerts/{id}/${AlertStep}`, 'post', { alert: Alert }>>('POST', `/alerts/${encodeURIComponent(String(id))}/${step}`, body),
  episodes: (p: EpisodeQuery, signal?: AbortSignal) => apiGet<{ episodes: Episode[]; matched: number; counts: EpisodeCounts }>('/episodes', { ...p }, signal),
  episodeCounts: (p: { region?: string; min_score?: number }, signal?: AbortSignal) => apiGet<{ counts: EpisodeCounts }>('/episodes/count', p, signal),
  judgement: (p: { region?: string; industry?: string }, signal?: AbortSignal) => apiGet<{ judgement: Judgement }>('/judgement', p, signal),
  silences: (active: boolean, signal?: AbortSignal) => apiGet<Reply<'/api/v1/silences', 'get', { silences: Silence[] }>>('/silences', { active: active ? 1 : 0 }, signal),
  createSilence: (body: Record<string, string>) => apiSend<Reply<'/api/v1/silences', 'post', { silence: Silence }>>('POST', '/silences', body),
  expireSilence: (id: string | number) => apiSend<Reply<'/api/v1/silences/{id}', 'delete', { status: string }>>('DELETE', `/silences/${encodeURIComponent(String(id))}`),
  rules: (signal?: AbortSignal) => apiGet<Reply<'/api/v1/rules', 'get', { rules: RuleView[] }>>('/rules', {}, signal),
  targets: (p: { document?: string; unit?: string; status?: string }, signal?: AbortSignal) => apiGet<Reply<'/api/v1/targets', 'get', { targets: Target[] }>>('/targets', p, signal),
  target: (id: string, signal?: AbortSignal) => apiGet<Reply<'/api/v1/targets/{id}', 'get', { target: Target; progress: ProgressEntry[] }>>(`/targets/${encodeURIComponent(id)}`, {}, signal),
  reportProgress: (id: string, body: { value: number; date: string; note?: string; attachment?: string }) =>
    apiSend<Reply<'/api/v1/targets/{id}/progress', 'post', { progress: ProgressEntry }>>('POST', `/targets/${encodeURIComponent(id)}/progress`, body),
};
