import { describe, expect, it } from 'vitest';
import { lastMonth } from './report';

describe('service report', () => {
  it('defaults to the last whole Beijing month', () => {
    expect(lastMonth(new Date('2024-10-14T03:00:00Z'))).toBe('2024-09');
    // 31 Dec 2024 17:00 UTC is already 1 January 2025 in Beijing: the last month is December.
    expect(lastMonth(new Date('2024-12-31T17:00:00Z'))).toBe('2024-12');
    expect(lastMonth(new Date('2025-01-15T00:00:00Z'))).toBe('2024-12');
  });
});
