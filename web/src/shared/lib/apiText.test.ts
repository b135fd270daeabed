import { afterEach, describe, expect, it } from 'vitest';
import { columnLabel, errorText, translateMessage } from './apiText';
import { locale } from './i18n';

afterEach(() => {
  locale.value = 'zh';
});

// The messages as the server writes them (src/ingest/*.cpp), copied from an import of a bad file.
describe('server messages in the Chinese UI', () => {
  it('translates the import errors it knows', () => {
    expect(translateMessage("'91410000XXXX' is not a unified social credit code")).toBe('“91410000XXXX”不是有效的统一社会信用代码');
    expect(translateMessage("period '2026-13' is not of the form YYYY-MM")).toBe('报告期“2026-13”不是 YYYY-MM 格式');
    expect(translateMessage("'abc' is not a number")).toBe('“abc”不是数字');
    expect(translateMessage("unknown indicator 'nope'")).toBe('未知指标“nope”');
    expect(translateMessage("unknown column 'ytd_yoy'")).toBe('未知列“累计增速”');
    expect(translateMessage('7 error(s) in bad.csv; nothing was imported')).toBe('bad.csv 中有 7 处错误，未导入任何数据');
    expect(translateMessage("unknown enterprise '91410100MA0000000X' in your region scope (import it in an enterprises file first)")).toBe('本辖区内没有企业“91410100MA0000000X”（请先导入企业名录）');
  });
  it('names the columns as the Chinese templates do', () => {
    expect(columnLabel('uscc')).toBe('统一社会信用代码');
    expect(columnLabel('period')).toBe('报告期');
    expect(columnLabel('colour')).toBe('colour'); // the file's own header, unknown to the templates
    expect(columnLabel('')).toBe('');
  });
  it('falls back to a Chinese sentence by error code, never to the English message', () => {
    expect(translateMessage('something new the server says')).toBeNull();
    expect(errorText({ code: 'invalid_argument', message: 'indicator: unknown indicator code' })).toBe('请求参数有误');
    expect(errorText({ code: 'weird', message: 'x' })).toBe('请求未成功');
  });
  it('leaves English as the server wrote it in the English UI', () => {
    locale.value = 'en';
    expect(translateMessage("'abc' is not a number")).toBe("'abc' is not a number");
    expect(errorText({ code: 'invalid_argument', message: 'indicator: unknown' })).toBe('indicator: unknown');
    expect(columnLabel('period')).toBe('period');
  });
});
