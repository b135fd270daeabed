import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { disclosureFootnotes, exportFigure, figureView, withDisclosure, wouldSuppressOf } from './disclosure';
import { sheetCells, xlsxData, type Sheet } from './export';
import { toCsv } from './format';
import { locale } from './i18n';

afterEach(() => {
  locale.value = 'zh';
});

describe('disclosure markers on screen', () => {
  it('shows a withheld figure as … with the rule and the law as its title, in Chinese', () => {
    locale.value = 'zh';
    expect(figureView({ suppressed: 'threshold' }, '—')).toEqual({ text: '…', title: '门槛规则 — 依法不公布', mark: '', state: 'suppressed' });
    expect(figureView({ suppressed: 'dominance' }, '—').title).toBe('支配规则 — 依法不公布');
    expect(figureView({ suppressed: 'p' }, '—').title).toBe('p%规则 — 依法不公布');
    expect(figureView({ suppressed: 'secondary' }, '0.0').title).toBe('次级隐匿 — 依法不公布');
  });
  it('and in English', () => {
    locale.value = 'en';
    expect(figureView({ suppressed: 'threshold' }, '—').title).toBe('threshold rule — withheld under the Statistics Law');
    expect(figureView({ suppressed: 'dominance' }, '—').title).toBe('dominance rule — withheld under the Statistics Law');
    expect(figureView({ suppressed: 'p' }, '—').title).toBe('p% rule — withheld under the Statistics Law');
    expect(figureView({ suppressed: 'secondary' }, '—').title).toBe('secondary suppression — withheld under the Statistics Law');
  });
  it('never shows a withheld figure as — or 0, whatever the formatted text was', () => {
    for (const shown of ['—', '0.0', '0', '+0.0%', '']) expect(figureView({ suppressed: 'p' }, shown).text).toBe('…');
  });
  it('keeps a figure publication would withhold, with a dagger and a title saying so', () => {
    locale.value = 'zh';
    const v = figureView({ suppressed: null, would_suppress: 'dominance' }, '12,345.6');
    expect(v.text).toBe('12,345.6');
    expect(v.mark).toBe('†');
    expect(v.state).toBe('would');
    expect(v.title).toContain('公布时');
    expect(v.title).toContain('支配规则');
    locale.value = 'en';
    expect(figureView({ would_suppress: 'threshold' }, '1.0').title).toContain('would be withheld on publication');
  });
  it('leaves an unmarked figure as it is, and ignores unknown reasons', () => {
    expect(figureView({ suppressed: null, would_suppress: null }, '+9.6%')).toEqual({ text: '+9.6%', title: '', mark: '', state: null });
    expect(figureView(undefined, '1')).toEqual({ text: '1', title: '', mark: '', state: null });
    expect(figureView({ suppressed: 'bogus' as never }, '1').state).toBeNull();
  });
  it('a withheld cell is not also flagged as would-be-withheld', () => {
    expect(wouldSuppressOf({ suppressed: 'threshold', would_suppress: 'threshold' })).toBeNull();
    expect(figureView({ suppressed: 'threshold', would_suppress: 'threshold' }, '—').mark).toBe('');
  });
});

describe('disclosure markers in exports', () => {
  it('writes … for a withheld figure (never 0 or empty), the number otherwise, — when undefined', () => {
    expect(exportFigure({ suppressed: 'threshold' }, null)).toBe('…');
    expect(exportFigure({ suppressed: 'secondary' }, 0)).toBe('…');
    expect(exportFigure({ would_suppress: 'p' }, 12.5)).toBe(12.5);
    expect(exportFigure({}, 0)).toBe(0);
    expect(exportFigure({}, null)).toBe('—');
    expect(exportFigure(null, Number.NaN)).toBe('—');
  });
  it('explains … in a footnote naming the rules that occur, in the UI language', () => {
    locale.value = 'zh';
    const rows = [{ suppressed: 'threshold' as const }, { suppressed: null }, { suppressed: 'secondary' as const }, { suppressed: 'threshold' as const }];
    expect(disclosureFootnotes(rows)).toEqual(['注：“…”表示依《统计法》不公布的数据（门槛规则、次级隐匿）。']);
    locale.value = 'en';
    expect(disclosureFootnotes(rows)).toEqual(['Note: "…" marks figures withheld under the Statistics Law (threshold rule, secondary suppression).']);
    expect(disclosureFootnotes([{}, { suppressed: null, would_suppress: null }])).toEqual([]);
  });

  const base: Sheet = {
    name: 't',
    header: ['代码', '名称', '产值'],
    rows: [
      ['410102', '中原区', '…'],
      ['410103', '=二七区', 10.5],
      ['410104', '管城区', 7],
    ],
  };
  it('adds a footnote after an empty row to the CSV, keeping formula prefixes neutralised', () => {
    locale.value = 'zh';
    const s = withDisclosure(base, [{ suppressed: 'dominance' }, {}, {}]);
    expect(s.header).toEqual(base.header); // nobody would-suppressed: no extra column
    expect(toCsv(sheetCells(s))).toBe(
      '\uFEFF代码,名称,产值\r\n410102,中原区,…\r\n410103,\'=二七区,10.5\r\n410104,管城区,7\r\n\r\n注：“…”表示依《统计法》不公布的数据（支配规则）。\r\n',
    );
  });
  it('adds a column naming the rule where publication would withhold a figure, and its footnote', () => {
    locale.value = 'en';
    const s = withDisclosure(base, [{}, { would_suppress: 'p' }, {}]);
    expect(s.header).toEqual(['代码', '名称', '产值', 'Withheld on publication']);
    expect(s.rows.map((r) => r[3])).toEqual(['', '† p% rule', '']);
    expect(s.rows[1][2]).toBe(10.5); // the figure itself stays a number
    expect(s.footnotes).toEqual(['Note: "†" marks figures that would be withheld on publication (internal use only).']);
  });
  it('writes … and the footnote into the XLSX file, not 0 or an empty cell', async () => {
    locale.value = 'zh';
    const s = withDisclosure(base, [{ suppressed: 'threshold' }, {}, {}]);
    const data = xlsxData(s);
    expect(data[1][2]).toEqual({ value: '…' });
    expect(data[4]).toEqual([]);
    expect(data[5]).toEqual([{ value: '注：“…”表示依《统计法》不公布的数据（门槛规则）。' }]);
    expect(data[2][1]).toEqual({ value: "'=二七区" });
    const buf = await writeXlsxFile(data as never).toBuffer();
    const files = unzipSync(new Uint8Array(buf));
    const xml = Object.entries(files)
      .filter(([k]) => k.startsWith('xl/'))
      .map(([, v]) => strFromU8(v))
      .join('\n');
    expect(xml).toContain('>…<');
    expect(xml).toContain('依《统计法》不公布');
  });
});
