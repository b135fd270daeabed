// The logged-in user: who they are, what their role may do and which region they may see.
// The session itself is an HttpOnly cookie; the CSRF token is kept in memory only.
import { computed, reactive } from 'vue';
import { api, ApiError, setCsrfToken, type SessionInfo, type SessionUser } from '../../api/client';

export const COUNTRY = '100000';

export const auth = reactive({
  /** Whether GET /session has answered once. */
  checked: false,
  user: null as SessionUser | null,
  /** The session ended under the user's feet (a 401): the login page says so. */
  ended: false,
});

function accept(s: SessionInfo): void {
  auth.user = s.user;
  auth.ended = false;
  auth.checked = true;
  setCsrfToken(s.csrf_token ?? null);
}

export function clearSession(ended = false): void {
  if (ended && auth.user) auth.ended = true;
  auth.user = null;
  setCsrfToken(null);
}

let checking: Promise<void> | null = null;
/** The last failure of GET /session other than 401 (the server is unreachable, …). */
export let lastSessionError: Error | null = null;
/** GET /session once (again with force); a 401 just means "not logged in". */
export function ensureSession(force = false): Promise<void> {
  if (checking && !force) return checking;
  checking = (async () => {
    lastSessionError = null;
    try {
      accept(await api.session());
    } catch (e) {
      clearSession();
      auth.checked = true;
      // Anything but "not logged in" (the server is down, …) is shown by the login page.
      if (!(e instanceof ApiError) || e.status !== 401) lastSessionError = e as Error;
    }
  })();
  return checking;
}

export async function login(username: string, password: string): Promise<SessionUser> {
  const s = await api.login(username, password);
  accept(s);
  checking = Promise.resolve();
  return s.user;
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } finally {
    clearSession();
    checking = Promise.resolve();
  }
}

// ---- what the role may do (the server decides; the UI hides what would be refused) ----
export const role = computed(() => auth.user?.role ?? '');
export const scope = computed(() => auth.user?.region?.code || COUNTRY);
/** Enterprise-level data (dim=enterprise, the enterprise pages) and imports: admin and analyst. */
export const canSeeEnterprises = computed(() => role.value === 'admin' || role.value === 'analyst');
export const canImport = computed(() => role.value === 'admin' || role.value === 'analyst');
/** Enterprise users see their own enterprise only, no aggregates. */
export const isEnterpriseUser = computed(() => role.value === 'enterprise');
export const canSeeAggregates = computed(() => !!auth.user && !isEnterpriseUser.value);
/** "handle alerts" (docs/api.md): acknowledge, assign, handle, close; silences. */
export const canHandleAlerts = computed(() => ['admin', 'analyst', 'dispatcher', 'handler'].includes(role.value));
/** "report progress": admin, analyst, or a handler whose unit the target names. */
export function canReportProgress(units: string[]): boolean {
  if (role.value === 'admin' || role.value === 'analyst') return true;
  return role.value === 'handler' && !!auth.user?.unit && units.includes(auth.user.unit);
}

export function canOpenEnterprise(uscc: string): boolean {
  if (canSeeEnterprises.value) return true;
  return isEnterpriseUser.value && !!auth.user?.uscc && auth.user.uscc === uscc;
}

/** 万人助万企: the pages a role gets in the menu (docs/service.md's parties). */
export const canFileAppeals = computed(() => role.value === 'enterprise');
export const canHandleAppeals = computed(() => ['handler', 'dispatcher', 'analyst', 'admin'].includes(role.value));
export const canSeeBoard = computed(() => ['dispatcher', 'analyst', 'admin', 'viewer'].includes(role.value));

/** Where a user starts: the cockpit, or an enterprise user's own enterprise. */
export function homePath(): string {
  if (isEnterpriseUser.value) return '/appeals';
  return '/cockpit';
}

/** A redirect target from the query string, only when it is a path of this app. */
export function safeRedirect(r: unknown): string | null {
  if (typeof r !== 'string' || !r.startsWith('/') || r.startsWith('//') || r.startsWith('/login')) return null;
  return r;
}
