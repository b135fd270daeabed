// The enterprise service's rules as the UI needs them (docs/service.md): who may take which step
// in which state. The server decides; the UI only offers what would be accepted.
import { reactive } from 'vue';
import { api, type Appeal, type AppealAction, type AppealCategory, type Official } from '../../api/client';
import { auth, role } from '../../shared/lib/auth';

export const OPEN_STATES = ['dispatched', 'in_progress', 'returned'];
export type Party = 'enterprise' | 'official' | 'dispatcher' | 'unit' | null;

export function partyOf(a: Appeal, officials: Official[] = []): Party {
  const u = auth.user;
  if (!u) return null;
  if (role.value === 'enterprise') return u.uscc === a.uscc ? 'enterprise' : null;
  if (officials.some((o) => o.username === u.username)) return 'official';
  if (role.value === 'handler') return u.unit && a.unit === u.unit ? 'unit' : null;
  if (role.value === 'dispatcher' || role.value === 'admin') return 'dispatcher';
  return null;
}

const TABLE: Record<AppealAction, [string[], Party[]]> = {
  accept: [['submitted'], ['dispatcher']],
  decline: [['submitted', 'accepted'], ['dispatcher']],
  dispatch: [['accepted', 'returned'], ['dispatcher']],
  return: [['dispatched', 'in_progress'], ['unit']],
  reassign: [['dispatched', 'in_progress', 'returned'], ['dispatcher']],
  start: [['dispatched'], ['unit']],
  'request-extension': [['dispatched', 'in_progress'], ['unit']],
  'approve-extension': [['dispatched', 'in_progress'], ['dispatcher']],
  escalate: [['dispatched', 'in_progress', 'returned', 'replied', 'rated'], ['dispatcher']],
  merge: [['submitted', 'accepted'], ['dispatcher']],
  reply: [['in_progress'], ['unit']],
  rate: [['replied'], ['enterprise']],
  reopen: [['rated'], ['enterprise', 'dispatcher']],
  close: [['rated', 'replied'], ['dispatcher']],
  withdraw: [['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'], ['enterprise', 'official']],
};

/** The steps the caller may take on the appeal now. */
export function legalActions(a: Appeal, officials: Official[] = []): AppealAction[] {
  const p = partyOf(a, officials);
  if (!p) return [];
  return (Object.keys(TABLE) as AppealAction[]).filter((k) => {
    const [from, who] = TABLE[k];
    if (!from.includes(a.state) || !who.includes(p)) return false;
    if (k === 'approve-extension') return a.extension_days_requested > 0;
    if (k === 'reopen') return a.rating_solved === false && (p === 'dispatcher' || a.reopen_count === 0);
    if (k === 'request-extension') return !a.overdue && !a.extension_days_requested;
    return true;
  });
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
