// A small dictionary: Chinese first, English from the switch in the header. Missing keys fall back
// to Chinese and then to the key itself (the e2e tests look for raw keys on every page).
import { computed, ref } from 'vue';
import type { Locale } from './format';
import { en, zh } from '../../locales';

const dicts: Record<Locale, typeof zh> = { zh, en };

function initialLocale(): Locale {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
    const saved = window.localStorage.getItem('ballast.locale');
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* no storage */
  }
  return 'zh';
}

export const locale = ref<Locale>(typeof window === 'undefined' ? 'zh' : initialLocale());

export function setLocale(l: Locale): void {
  locale.value = l;
  try {
    window.localStorage.setItem('ballast.locale', l);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

function lookup(d: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), d);
}

/** t('cockpit.mapTitle', {region: '河南省'}) */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let s = lookup(dicts[locale.value], key);
  if (typeof s !== 'string') s = lookup(zh, key);
  if (typeof s !== 'string') return key;
  return (s as string).replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** A map inside the dictionary (e.g. size names), for the current locale. */
export function tMap(key: string): Record<string, string> {
  const m = lookup(dicts[locale.value], key);
  return m && typeof m === 'object' ? (m as Record<string, string>) : {};
}

export const isEn = computed(() => locale.value === 'en');
