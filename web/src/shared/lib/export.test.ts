import { describe, expect, it } from 'vitest';
import { neutralize, sheetCells } from './export';
import { toCsv } from './format';

describe('export: formula prefixes (OWASP CSV injection)', () => {
  it('prefixes text starting with = + - @ tab or carriage return with an apostrophe', () => {
    expect(neutralize('=1+1')).toBe("'=1+1");
    expect(neutralize('+86 371')).toBe("'+86 371");
    expect(neutralize('-3.5')).toBe("'-3.5");
    expect(neutralize('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralize('\tx')).toBe("'\tx");
    expect(neutralize('\rx')).toBe("'\rx");
  });
  it('leaves other text, numbers, null and the dash alone', () => {
    expect(neutralize('郑州市')).toBe('郑州市');
    expect(neutralize('a=b')).toBe('a=b');
    expect(neutralize('')).toBe('');
    expect(neutralize('—')).toBe('—');
    expect(neutralize(-3.5)).toBe(-3.5);
    expect(neutralize(0)).toBe(0);
    expect(neutralize(null)).toBeNull();
  });
  it('neutralises the header and every row of a sheet, and the CSV carries it', () => {
    const cells = sheetCells({ name: 's', header: ['名称', '=x'], rows: [['=HYPERLINK("http://e")', -2], ['ok', 1.5]] });
    expect(cells).toEqual([
      ['名称', "'=x"],
      ['\'=HYPERLINK("http://e")', -2],
      ['ok', 1.5],
    ]);
    expect(toCsv(cells)).toBe('\uFEFF名称,\'=x\r\n"\'=HYPERLINK(""http://e"")",-2\r\nok,1.5\r\n');
  });
});
