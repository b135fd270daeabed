// The server speaks English (its messages are for logs and the English UI). The Chinese UI shows
// the messages it knows in Chinese (import errors, refusals, column names) and, for the rest, a
// Chinese sentence by error code; the original stays available as a tooltip.
import { locale, t } from './i18n';

// Server message patterns → locale key of apiText.*, with the captured parts as {0}, {1}, …
const patterns: [RegExp, string][] = [
  [/^'(.*)' is not a unified social credit code$/, 'notUscc'],
  [/^unified social credit code is empty$/, 'usccEmpty'],
  [/^period '(.*)' is not (?:of the form )?YYYY-MM$/, 'periodFormat'],
  [/^period '(.*)' is in the future$/, 'periodFuture'],
  [/^'(.*)' is not a number$/, 'notNumber'],
  [/^'(.*)' is implausibly large$/, 'tooLarge'],
  [/^unknown indicator '(.*)'$/, 'unknownIndicator'],
  [/^unknown enterprise '(.*)' in your region scope.*$/, 'unknownEnterprise'],
  [/^negative (\w+) \('(.*)'\) is impossible$/, 'negative'],
  [/^unknown column '(.*)'$/, 'unknownColumn'],
  [/^column '(.*)' appears twice$/, 'columnTwice'],
  [/^the file is empty$/, 'fileEmpty'],
  [/^the file needs a 'value' or a 'ytd' column$/, 'needsValue'],
  [/^unknown region code '(.*)'.*$/, 'unknownRegion'],
  [/^region '(.*)' lies outside your scope$/, 'regionOutside'],
  [/^unknown industry code '(.*)'.*$/, 'unknownIndustry'],
  [/^(\d+) error\(s\) in (.*); nothing was imported$/, 'importFailed'],
  [/^region '(.*)' is outside your scope.*$/, 'regionOutside'],
  [/^.*outside your region scope.*$/, 'outsideScope'],
];

// Column names of the import files as the Chinese templates name them.
const columnKeys = ['uscc', 'name', 'region', 'industry', 'size', 'tags', 'period', 'indicator', 'value', 'ytd', 'yoy', 'ytd_yoy', 'entered', 'exited', 'index', 'rate'];

/** A column of an import file in the UI's language ("period" → "报告期" in Chinese). */
export function columnLabel(col: string | null | undefined): string {
  if (col === null || col === undefined || col === '') return '';
  if (locale.value === 'en' || !columnKeys.includes(col)) return col;
  return t(`apiText.columns.${col}`);
}

/** The server's message in the UI's language, or null when it has no translation. */
export function translateMessage(message: string | null | undefined): string | null {
  if (!message) return null;
  if (locale.value === 'en') return message;
  for (const [re, key] of patterns) {
    const m = re.exec(message);
    if (!m) continue;
    const params: Record<string, string> = {};
    m.slice(1).forEach((v, i) => (params[String(i)] = columnKeys.includes(v) ? columnLabel(v) : v));
    return t(`apiText.${key}`, params);
  }
  return null;
}

/** What the user reads for an API error: the translated message, else a sentence by error code. */
export function errorText(e: { code?: string; status?: number; message?: string } | null | undefined): string {
  if (!e) return '';
  const own = translateMessage(e.message);
  if (own !== null) return own;
  const byCode = t(`apiText.codes.${e.code ?? ''}`);
  return byCode.startsWith('apiText.') ? t('apiText.codes.other') : byCode;
}
