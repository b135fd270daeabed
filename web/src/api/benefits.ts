// Policy matching (docs/benefits.md): the policy library, 免申即享 lists, 为您推荐的政策, benefit
// records and counts, and the standard answers of the appeals' reply box.
import { API_BASE, apiGet, apiSend, parse, writeHeaders } from './http';
import type { components } from './schema';

export type BenefitPolicy = components['schemas']['BenefitPolicyRecord'];
export type BenefitMatches = components['schemas']['BenefitMatches'];
export type BenefitMatch = components['schemas']['BenefitMatch'];
export type BenefitRecord = components['schemas']['BenefitRecordEntry'];
export type BenefitRecordRequest = components['schemas']['BenefitRecordRequest'];
export type BenefitCountRow = components['schemas']['BenefitCountRow'];
export type BenefitForEnterpriseRow = components['schemas']['BenefitForEnterpriseRow'];
export type StandardAnswer = components['schemas']['StandardAnswerRecord'];
export type StandardAnswerEdit = components['schemas']['StandardAnswerEdit'];

export const benefitsApi = {
  benefitPolicies: (signal?: AbortSignal) => apiGet<{ policies: BenefitPolicy[] }>('/benefits/policies', {}, signal),
  benefitMatches: (id: string, p: { region?: string }, signal?: AbortSignal) =>
    apiGet<BenefitMatches>(`/benefits/policies/${encodeURIComponent(id)}/matches`, { ...p }, signal),
  benefitsForMe: (p: { uscc?: string }, signal?: AbortSignal) => apiGet<{ policies: BenefitForEnterpriseRow[] }>('/benefits/for-me', { ...p }, signal),
  benefitRecords: (p: { policy?: string }, signal?: AbortSignal) => apiGet<{ records: BenefitRecord[] }>('/benefits/records', { ...p }, signal),
  addBenefitRecord: (body: BenefitRecordRequest) => apiSend<{ record: BenefitRecord }>('POST', '/benefits/records', body),
  benefitCounts: (p: { region?: string }, signal?: AbortSignal) => apiGet<{ counts: BenefitCountRow[] }>('/benefits/counts', { ...p }, signal),
  standardAnswers: (p: { category?: string }, signal?: AbortSignal) => apiGet<{ answers: StandardAnswer[] }>('/service/standard-answers', { ...p }, signal),
  addStandardAnswer: (body: StandardAnswerEdit) => apiSend<{ answer: StandardAnswer }>('POST', '/service/standard-answers', body),
  updateStandardAnswer: (id: number, body: StandardAnswerEdit) => apiSend<{ answer: StandardAnswer }>('PUT', `/service/standard-answers/${id}`, body),
  deleteStandardAnswer: (id: number, version: number) => apiSend<{ deleted: number }>('DELETE', `/service/standard-answers/${id}?version=${version}`),
  importBenefitPolicies: async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch(`${API_BASE}/benefits/policies/import`, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', ...writeHeaders() }, body: form });
    return parse<{ created: number; updated: number }>(res, '/benefits/policies/import');
  },
};
