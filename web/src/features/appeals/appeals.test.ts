import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../api/client';
import { allowedActions, charCount, reasonText } from './appeals';

describe('appeals', () => {
  it('offers exactly the server\'s allowed_actions, none when absent', () => {
    expect(allowedActions({ allowed_actions: ['accept', 'decline', 'merge'] } as Appeal)).toEqual(['accept', 'decline', 'merge']);
    expect(allowedActions({ allowed_actions: ['rate', 'fly'] } as Appeal)).toEqual(['rate']);
    expect(allowedActions({} as Appeal)).toEqual([]);
  });
  it('counts code points', () => {
    expect(charCount('贷𠀀a')).toBe(3);
  });
  it('translates the rule codes of the system, never a person\'s words', () => {
    const rules = { second_not_solved: '复评仍未解决，自动督办' };
    expect(reasonText('rule:second_not_solved', 'system', rules)).toBe('复评仍未解决，自动督办');
    // A dispatcher who types the code gets their words shown as typed, not the rule's text.
    expect(reasonText('rule:second_not_solved', 'disp', rules)).toBe('rule:second_not_solved');
    expect(reasonText('请加快办理', 'disp', rules)).toBe('请加快办理');
    expect(reasonText('rule:unknown', 'system', rules)).toBe('rule:unknown');
    // What earlier versions stored for the same rule, in the append-only history.
    expect(reasonText("second 'not solved' rating after a reopen", 'system', rules)).toBe('复评仍未解决，自动督办');
  });
});
