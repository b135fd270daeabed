import { describe, expect, it } from 'vitest';
import { growthTarget } from './target';

const base = { type: 'growth', metric: 'indicator', indicator: 'value_added', region: '410000', value: 6, start: '2026-01', deadline: '2026-12' };

describe('growthTarget', () => {
  it('finds the region’s growth target of the indicator in force', () => {
    expect(growthTarget([base], '410000', 'value_added', '2026-11')).toBe(6);
  });
  it('is none for another region, indicator, period or kind of target', () => {
    expect(growthTarget([base], '410100', 'value_added', '2026-11')).toBeNull();
    expect(growthTarget([base], '410000', 'output_value', '2026-11')).toBeNull();
    expect(growthTarget([base], '410000', 'value_added', '2025-12')).toBeNull();
    expect(growthTarget([{ ...base, type: 'cumulative' }], '410000', 'value_added', '2026-11')).toBeNull();
    expect(growthTarget([{ ...base, metric: 'reported' }], '410000', 'value_added', '2026-11')).toBeNull();
    expect(growthTarget([{ ...base, value: null }], '410000', 'value_added', '2026-11')).toBeNull();
    expect(growthTarget([], '410000', 'value_added', '2026-11')).toBeNull();
  });
  it('takes the latest document when two are in force', () => {
    const older = { ...base, start: '2025-01', deadline: '2027-12', value: 5.5 };
    expect(growthTarget([older, base], '410000', 'value_added', '2026-06')).toBe(6);
  });
});
