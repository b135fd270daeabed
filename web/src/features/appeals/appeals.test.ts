import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../api/client';
import { auth } from '../../shared/lib/auth';
import { charCount, legalActions } from './appeals';

const base = { id: 1, version: 3, uscc: 'U1', unit: '省地方金融监管局', state: 'submitted', extension_days_requested: 0, rating_solved: null, reopen_count: 0, overdue: false } as unknown as Appeal;
const as = (role: string, extra: Record<string, string> = {}) => {
  auth.user = { username: 'x', role, region: { code: '410000', name: '河南省' }, ...extra };
};

describe('legalActions (docs/service.md transition table)', () => {
  it('a dispatcher accepts, declines or merges a submitted appeal', () => {
    as('dispatcher');
    expect(legalActions(base)).toEqual(['accept', 'decline', 'merge']);
  });
  it('the unit starts, replies only in progress; another unit nothing', () => {
    as('handler', { unit: '省地方金融监管局' });
    expect(legalActions({ ...base, state: 'dispatched' })).toEqual(['return', 'start', 'request-extension']);
    expect(legalActions({ ...base, state: 'in_progress' })).toContain('reply');
    as('handler', { unit: '省商务厅' });
    expect(legalActions({ ...base, state: 'dispatched' })).toEqual([]);
  });
  it('the enterprise rates once replied and reopens a "not solved" rating once', () => {
    as('enterprise', { uscc: 'U1' });
    expect(legalActions({ ...base, state: 'replied' })).toEqual(['rate']);
    expect(legalActions({ ...base, state: 'rated', rating_solved: false })).toEqual(['reopen']);
    expect(legalActions({ ...base, state: 'rated', rating_solved: false, reopen_count: 1 })).toEqual([]);
    expect(legalActions({ ...base, state: 'rated', rating_solved: true })).toEqual([]);
  });
  it('viewers and analysts take no steps', () => {
    for (const r of ['viewer', 'analyst']) {
      as(r);
      expect(legalActions({ ...base, state: 'accepted' })).toEqual([]);
    }
  });
  it('counts code points', () => {
    expect(charCount('贷𠀀a')).toBe(3);
  });
});
