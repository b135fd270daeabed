// Supply chains (docs/chains.md): the chains with their segments, and a chain's analysis in a region.
import { apiGet, apiSend } from './http';
import type { Reply } from './openapi';
import type { components } from './schema';

export type Chain = components['schemas']['Chain'];
export type ChainReport = components['schemas']['ChainReport'];
export type ChainScenario = components['schemas']['ChainScenario'];
export type ChainScenarioRequest = components['schemas']['ChainScenarioRequest'];

export const chainsApi = {
  chains: (signal?: AbortSignal) => apiGet<Reply<'/api/v1/chains', 'get', { chains: Chain[] }>>('/chains', {}, signal),
  chainReport: (chain: string, p: { region?: string; hhi?: number }, signal?: AbortSignal) =>
    apiGet<Reply<'/api/v1/chains/{chain}/report', 'get', ChainReport>>(`/chains/${encodeURIComponent(chain)}/report`, p, signal),
  /** Runs the propagation model on the stored firm network (docs/chains-dynamics.md). */
  chainSimulate: (body: ChainScenarioRequest) => apiSend<Reply<'/api/v1/chains/simulate', 'post', ChainScenario>>('POST', '/chains/simulate', body),
};
