import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../api/client';
import { allowedActions, charCount } from './appeals';

describe('appeals', () => {
  it('offers exactly the server\'s allowed_actions, none when absent', () => {
    expect(allowedActions({ allowed_actions: ['accept', 'decline', 'merge'] } as Appeal)).toEqual(['accept', 'decline', 'merge']);
    expect(allowedActions({ allowed_actions: ['rate', 'fly'] } as Appeal)).toEqual(['rate']);
    expect(allowedActions({} as Appeal)).toEqual([]);
  });
  it('counts code points', () => {
    expect(charCount('贷𠀀a')).toBe(3);
  });
});
