// URL-backed view state and request state. Every filter lives in the query string so that a
// copied URL reproduces the view; requests show loading, errors and empty results.
import { computed, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { ApiError } from '../../api/client';
import { catalog } from './catalog';
import type { UnitMode } from './format';
import type { PeriodBasis } from './periods';

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client', (e as Error)?.message ?? String(e));
}

/**
 * Runs `fn` whenever `source` changes, cancelling the previous request. `fn` may return null to
 * mean "nothing to load yet".
 */
export function useAsync<T>(source: WatchSource<unknown>, fn: (signal: AbortSignal) => Promise<T> | null) {
  const data = shallowRef<T | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  let ctrl: AbortController | null = null;
  async function run() {
    ctrl?.abort();
    const mine = new AbortController();
    ctrl = mine;
    const p = fn(mine.signal);
    if (!p) {
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const r = await p;
      if (ctrl === mine) data.value = r;
    } catch (e) {
      if (ctrl === mine && (e as Error).name !== 'AbortError') {
        error.value = toApiError(e);
        data.value = null;
      }
    } finally {
      if (ctrl === mine) loading.value = false;
    }
  }
  watch(source, run, { immediate: true, deep: true });
  return { data, error, loading, run };
}

function unitDefault(): UnitMode {
  try {
    const u = window.localStorage.getItem('ballast.unit');
    if (u === 'wan' || u === 'yi') return u;
  } catch {
    /* ignore */
  }
  return 'yi';
}

/** Query-string state of the current view, with defaults. */
export function useUrlState() {
  const route = useRoute();
  const router = useRouter();

  function str(key: string, fallback: () => string): Ref<string> {
    return computed(() => {
      const v = route.query[key];
      return typeof v === 'string' && v !== '' ? v : fallback();
    });
  }
  function list(key: string, fallback: () => string[]): Ref<string[]> {
    return computed(() => {
      const v = route.query[key];
      return typeof v === 'string' && v !== '' ? v.split(',').filter(Boolean) : fallback();
    });
  }

  const period = computed(() => {
    const v = route.query.period;
    if (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v)) return v;
    return catalog.latest ?? '';
  });
  // 'ytd' when a cumulative preset (1–2月, 一季度, 上半年, …) was picked, 'quarter' for 二/三/四季度,
  // 'half' for 下半年; null = not chosen.
  const basis = computed<PeriodBasis | null>(() => {
    const v = route.query.basis;
    return v === 'ytd' || v === 'month' || v === 'quarter' || v === 'half' ? v : null;
  });
  const unit = computed<UnitMode>(() => {
    const v = route.query.unit;
    return v === 'wan' || v === 'yi' ? v : unitDefault();
  });

  /** Merge `patch` into the query; undefined or '' removes a key. push adds a history entry. */
  function update(patch: Record<string, string | string[] | undefined | null>, push = false) {
    const q: LocationQueryRaw = { ...route.query };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete q[k];
      else q[k] = Array.isArray(v) ? v.join(',') : v;
    }
    if (patch.unit === 'wan' || patch.unit === 'yi') {
      try {
        window.localStorage.setItem('ballast.unit', patch.unit);
      } catch {
        /* ignore */
      }
    }
    return push ? router.push({ query: q }) : router.replace({ query: q });
  }

  return { route, router, str, list, period, basis, unit, update };
}
