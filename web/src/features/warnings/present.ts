// How an alert is shown on the warnings page, its drawer and its silences: names of levels,
// states and rules in the UI's language, colours, the subject's link, the threshold with its
// operator. Rules are read once per page (useRules) and shared by its components.
import { computed, type ComputedRef } from 'vue';
import { api, type Alert, type AlertLevel, type RuleView } from '../../api/client';
import { auth, canSeeEnterprises } from '../../shared/lib/auth';
import { regionName } from '../../shared/lib/catalog';
import { DASH, isNum, periodLabel } from '../../shared/lib/format';
import { locale, tMap } from '../../shared/lib/i18n';
import { inScope } from '../../shared/lib/scope';
import { useAsync } from '../../shared/lib/state';
import { fmtValue, historyDetail, LEVEL_COLORS, splitSubjectKey } from './warnings';

export interface Rules {
  list: ComputedRef<RuleView[]>;
  families: ComputedRef<string[]>;
  name: (id: string) => string;
  /** The rule's comparison as shown: ≤, ≥, <, >, abs> … ('' when unknown). */
  op: (id: string) => string;
}

/** The rules (GET /rules), read once per page and handed to its components. */
export function useRules(): Rules {
  const req = useAsync(
    () => auth.user?.username,
    (signal) => api.rules(signal),
  );
  const list = computed<RuleView[]>(() => req.data.value?.rules ?? []);
  const byId = computed(() => new Map(list.value.map((r) => [r.id, r])));
  return {
    list,
    families: computed(() => [...new Set(list.value.map((r) => r.rule?.family).filter((f): f is string => !!f))].sort()),
    name(id) {
      const n = byId.value.get(id)?.rule?.name;
      return (locale.value === 'en' ? n?.en || n?.zh : n?.zh || n?.en) || id;
    },
    op(id) {
      const op = byId.value.get(id)?.rule?.op;
      return typeof op === 'string' ? op.replace('<=', '≤').replace('>=', '≥') : '';
    },
  };
}

export const levelNames = computed(() => tMap('warnings.levels'));
export const stateNames = computed(() => tMap('warnings.states'));
export const handlingNames = computed(() => tMap('warnings.handlings'));
export const actionNames = computed(() => tMap('warnings.actions'));
const kindNames = computed(() => tMap('warnings.kinds'));

export function levelStyle(l: string) {
  const c = LEVEL_COLORS[l as AlertLevel] ?? { bg: '#8c8c8c', fg: '#fff' };
  return { background: c.bg, color: c.fg };
}
export function message(a: Alert): string {
  return (locale.value === 'en' ? a.message_en || a.message_zh : a.message_zh || a.message_en) || DASH;
}
export function thresholdText(a: Alert, rules: Rules): string {
  const op = rules.op(a.rule_id);
  if (!isNum(a.threshold)) return DASH;
  if (op === 'abs>') return `|x| > ${fmtValue(a.threshold)}`;
  return `${op ? `${op} ` : ''}${fmtValue(a.threshold)}`;
}
export function periodText(p: string | null | undefined): string {
  if (!p) return DASH;
  return /^\d{4}-\d{2}$/.test(p) ? periodLabel(p, 'month', locale.value) : p;
}
export function stateType(s: string): 'danger' | 'warning' | 'success' | 'info' {
  return s === 'firing' ? 'danger' : s === 'pending' ? 'warning' : s === 'resolved' ? 'success' : 'info';
}
export function handlingType(h: string): 'danger' | 'warning' | 'primary' | 'success' | 'info' {
  return h === 'open' ? 'danger' : h === 'acknowledged' ? 'warning' : h === 'assigned' ? 'primary' : h === 'handled' ? 'success' : 'info';
}
/** Where a subject's name leads: its enterprise page, its region's cockpit, its target, … */
export function subjectLink(a: Alert): Record<string, unknown> | null {
  const s = a.subject;
  if (s.kind === 'enterprise') return canSeeEnterprises.value ? { path: `/enterprises/${encodeURIComponent(s.key)}` } : null;
  if (s.kind === 'region') return inScope(s.key) ? { path: '/cockpit', query: { region: s.key } } : null;
  if (s.kind === 'industry') {
    const { code } = splitSubjectKey(s.key);  // "13@410000": industry 13 within 河南
    return { path: '/explorer', query: { industry: code, dim: 'region', ...(s.region && inScope(s.region) ? { region: s.region } : {}) } };
  }
  if (s.kind === 'target') return { path: '/targets', query: { target: s.key } };
  if (s.kind === 'project') return { path: '/projects', query: { q: s.key } };
  return null;
}
export function subjectSub(a: Alert): string {
  const s = a.subject;
  const parts = [kindNames.value[s.kind] ?? s.kind];
  if (s.kind === 'enterprise' && s.region) parts.push(regionName(s.region));
  else if (s.kind === 'industry') {
    const { code, region } = splitSubjectKey(s.key);
    parts.push(code);
    if (region) parts.push(regionName(region));
  }
  return parts.join(' · ');
}

/** An event's detail in the UI's language (every history entry translated). */
export function eventDetail(detail: string | null | undefined): string {
  return historyDetail(detail, { levels: levelNames.value, phrases: tMap('warnings.historyPhrases') });
}
