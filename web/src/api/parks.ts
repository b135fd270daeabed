// Parks (docs/parks.md): the parks of a region, imports, and a park's 亩均 evaluation.
import { API_BASE, apiGet, parse, writeHeaders } from './http';
import type { components } from './schema';

export type Park = components['schemas']['Parks']['parks'][number];
export type ParkGrades = components['schemas']['ParkGrades'];
export type ParkTable = components['schemas']['ParkTable'];
export type ParkTableRow = components['schemas']['ParkTableRow'];
export interface ParkTableQuery {
  indicator: string;
  measures: string[];
  period?: string;
  region?: string;
  industry?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
}

export const parksApi = {
  parks: (p: { region?: string }, signal?: AbortSignal) => apiGet<{ parks: Park[] }>('/parks', { ...p }, signal),
  /** The parks of a region ranked server-side (位次, disclosure control of each park cell). */
  parksTable: (p: ParkTableQuery, signal?: AbortSignal) => apiGet<ParkTable>('/parks/table', { ...p, measures: p.measures.join(',') }, signal),
  parkGrades: (code: string, year: number, signal?: AbortSignal) =>
    apiGet<ParkGrades>(`/parks/${encodeURIComponent(code)}/grades`, { year: String(year) }, signal),
  importParks: async (kind: 'parks' | 'members' | 'resources', file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch(`${API_BASE}/parks/import?kind=${kind}`, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', ...writeHeaders() }, body: form });
    return parse<{ rows: number }>(res, '/parks/import');
  },
};
