// The enterprise service as the UI needs it (docs/service.md). Which step the caller may take now
// is the server's to say (`allowed_actions`); the UI offers exactly those.
import { reactive } from 'vue';
import { api, ACTIONS, type Appeal, type AppealAction, type AppealCategory } from '../../api/client';

/** The states in which the unit is working on an appeal (the inbox's 办理中 filter, deadlines). */
export const OPEN_STATES = ['dispatched', 'in_progress', 'returned'];

/** The steps the server allows the caller now (`allowed_actions` of the appeal; none when absent). */
export function allowedActions(a: Pick<Appeal, 'allowed_actions'>): AppealAction[] {
  return (a.allowed_actions ?? []).filter((x): x is AppealAction => (ACTIONS as readonly string[]).includes(x));
}

/** Steps that need input (a form) rather than one click. */
export const NEEDS_INPUT: AppealAction[] = ['decline', 'dispatch', 'return', 'reassign', 'request-extension', 'approve-extension', 'escalate', 'merge', 'reply', 'rate', 'reopen', 'withdraw'];

export const categoriesStore = reactive({ list: [] as AppealCategory[], loaded: false });
export async function loadCategories(): Promise<void> {
  if (categoriesStore.loaded) return;
  const r = await api.appealCategories();
  categoriesStore.list = r.categories;
  categoriesStore.loaded = true;
}
export function categoryName(code: string): string {
  return categoriesStore.list.find((c) => c.code === code)?.name ?? code;
}

/** Code points, as the server counts them. */
export function charCount(s: string): number {
  return [...s].length;
}
export const DESCRIPTION_MAX = 4000;

/** A Beijing date (YYYY-MM-DD) plus n days. */
export function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

// The English sentence versions before the rule codes recorded for the automatic 督办 (the append-only
// history keeps it): read as its code.
const LEGACY_RULE_REASONS: Record<string, string> = { "second 'not solved' rating after a reopen": 'second_not_solved' };

/** The reason of a history event or 督办 notice as the reader's language shows it: the rule codes
 * the server records for its own steps (actor "system", e.g. rule:second_not_solved, or the
 * sentence older versions stored) translated, anyone's own words as written. */
export function reasonText(reason: string, actor: string, rules: Record<string, string>): string {
  if (actor !== 'system') return reason;
  const code = reason.startsWith('rule:') ? reason.slice('rule:'.length) : LEGACY_RULE_REASONS[reason];
  return (code && rules[code]) || reason;
}
