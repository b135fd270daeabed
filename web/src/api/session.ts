// The session: who is logged in (docs/api.md, "Sessions").
import { apiGet, apiSend } from './http';
import type { Reply } from './openapi';
import type { CodeName } from './data';

export type Role = 'admin' | 'analyst' | 'dispatcher' | 'handler' | 'enterprise' | 'viewer';
export interface SessionUser {
  username: string;
  role: Role | string;
  region: CodeName;
  unit?: string;
  uscc?: string;
}
export interface SessionInfo {
  user: SessionUser;
  csrf_token: string;
  token?: string;
  expires_at?: number;
}

export const sessionApi = {
  session: () => apiGet<Reply<'/api/v1/session', 'get', SessionInfo>>('/session'),
  login: (username: string, password: string) => apiSend<Reply<'/api/v1/session', 'post', SessionInfo>>('POST', '/session', { username, password }),
  logout: () => apiSend<Reply<'/api/v1/session', 'delete', unknown>>('DELETE', '/session'),
};
