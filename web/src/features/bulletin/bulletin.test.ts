import { describe, expect, it } from 'vitest';
import { bulletinFileName, isJanuary } from './bulletin';

describe('bulletin', () => {
  it('takes the file name from Content-Disposition, else builds it', () => {
    expect(bulletinFileName('attachment; filename="bulletin-410100-2025-03.pdf"', 'x', 'y', 'pdf')).toBe('bulletin-410100-2025-03.pdf');
    expect(bulletinFileName(null, '410000', '2025-03', 'xlsx')).toBe('bulletin-410000-2025-03.xlsx');
  });
  it('publishes January with February', () => {
    expect(isJanuary('2025-01')).toBe(true);
    expect(isJanuary('2025-02')).toBe(false);
    expect(isJanuary('2025-10')).toBe(false);
  });
});
