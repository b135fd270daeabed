import { describe, expect, it } from 'vitest';
import { allowedSteps, isOverdue } from './warnings';

describe('handling steps', () => {
  it('are exactly the server\'s allowed_actions, none when absent', () => {
    expect(allowedSteps({ allowed_actions: ['assign', 'handle'] })).toEqual(['assign', 'handle']);
    expect(allowedSteps({ allowed_actions: ['close', 'unknown'] })).toEqual(['close']);
    expect(allowedSteps({})).toEqual([]);
  });
  it('flags a passed deadline unless handled or closed', () => {
    expect(isOverdue({ deadline: '2000-01-01', handling: 'assigned' })).toBe(true);
    expect(isOverdue({ deadline: '2000-01-01', handling: 'handled' })).toBe(false);
    expect(isOverdue({ deadline: '2999-01-01', handling: 'assigned' })).toBe(false);
    expect(isOverdue({ deadline: '', handling: 'assigned' })).toBe(false);
  });
});
