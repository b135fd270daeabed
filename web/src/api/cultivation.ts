// Cultivation pipelines (docs/cultivation.md): the below-scale pool, the 小升规 candidates, the
// yearly conversion into the roster and the 专精特新 stage counts; imports.
import { API_BASE, apiGet, parse, writeHeaders } from './http';
import type { components } from './schema';

export type CultivationPool = components['schemas']['CultivationPool'];
export type PoolRow = CultivationPool['rows'][number];
export type CultivationConversion = components['schemas']['CultivationConversion'];
export type CultivationStages = components['schemas']['CultivationStages'];

export interface PoolQuery {
  region?: string;
  industry?: string;
  tag?: string;
  threshold?: string;
  include_left?: string;
  within?: string;
}

export const cultivationApi = {
  cultivationPool: (q: PoolQuery, signal?: AbortSignal) => apiGet<CultivationPool>('/cultivation/pool', { ...q }, signal),
  cultivationCandidates: (q: PoolQuery, signal?: AbortSignal) => apiGet<CultivationPool>('/cultivation/candidates', { ...q }, signal),
  cultivationConversion: (p: { region?: string; from: number; to: number }, signal?: AbortSignal) =>
    apiGet<CultivationConversion>('/cultivation/conversion', { region: p.region, from: String(p.from), to: String(p.to) }, signal),
  cultivationStages: (p: { region?: string; year: number }, signal?: AbortSignal) =>
    apiGet<CultivationStages>('/cultivation/stages', { region: p.region, year: String(p.year) }, signal),
  importCultivation: async (kind: 'pool' | 'revenue' | 'stages', file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch(`${API_BASE}/cultivation/import?kind=${kind}`, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', ...writeHeaders() }, body: form });
    return parse<{ rows: number }>(res, '/cultivation/import');
  },
};
