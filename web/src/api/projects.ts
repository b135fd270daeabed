// Major projects (docs/projects.md): the register, monthly dispatch reports, 三个一批 rates, cards.
import { API_BASE, apiGet, apiSend, parse, writeHeaders } from './http';
import type { components } from './schema';

export type Project = components['schemas']['ProjectRecord'];
export type ProjectReport = components['schemas']['ProjectReportRecord'];
export type ProjectReportNew = components['schemas']['ProjectReportNew'];
export type ProjectEdit = components['schemas']['ProjectEdit'];
export type ProjectRates = components['schemas']['ProjectRates'];
export type ProjectCards = components['schemas']['ProjectCards'];
export type FactorItem = components['schemas']['FactorItem'];
export type FactorItemView = components['schemas']['FactorItemView'];
export type FactorItemNew = components['schemas']['FactorItemNew'];
export type FactorStep = components['schemas']['FactorStep'];

export interface FactorQuery {
  region?: string;
  state?: string;
  unit?: string;
  factor?: string;
  project?: number;
  open?: string;
  overdue?: string;
}

export interface ProjectQuery {
  region?: string;
  stage?: string;
  industry?: string;
  unit?: string;
  q?: string;
  yi?: string;
}

export const projectsApi = {
  projects: (p: ProjectQuery, signal?: AbortSignal) => apiGet<{ projects: Project[] }>('/projects', { ...p }, signal),
  project: (id: number, signal?: AbortSignal) => apiGet<{ project: Project }>(`/projects/${id}`, {}, signal),
  updateProject: (id: number, body: ProjectEdit) => apiSend<{ project: Project }>('PUT', `/projects/${id}`, body),
  projectReports: (id: number, signal?: AbortSignal) => apiGet<{ reports: ProjectReport[] }>(`/projects/${id}/reports`, {}, signal),
  addProjectReport: (id: number, body: ProjectReportNew) => apiSend<{ report: ProjectReport }>('POST', `/projects/${id}/reports`, body),
  projectRates: (p: { round: string; by?: string; region?: string }, signal?: AbortSignal) => apiGet<ProjectRates>('/projects/rates', { ...p }, signal),
  projectCards: (p: { region?: string }, signal?: AbortSignal) => apiGet<ProjectCards>('/projects/cards', { ...p }, signal),
  // The factor-guarantee ledger (要素保障台账).
  factorItems: (p: FactorQuery, signal?: AbortSignal) => apiGet<{ items: FactorItem[] }>('/projects/factors', { ...p }, signal),
  factorItem: (id: number, signal?: AbortSignal) => apiGet<FactorItemView>(`/projects/factors/${id}`, {}, signal),
  openFactorItem: (projectId: number, body: FactorItemNew) => apiSend<{ item: FactorItem }>('POST', `/projects/${projectId}/factors`, body),
  stepFactorItem: (id: number, body: FactorStep) => apiSend<{ item: FactorItem }>('POST', `/projects/factors/${id}/steps`, body),
  importProjects: async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch(`${API_BASE}/projects/import`, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', ...writeHeaders() }, body: form });
    return parse<{ created: number; updated: number }>(res, '/projects/import');
  },
};
