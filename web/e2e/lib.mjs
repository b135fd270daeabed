// Shared helpers of the end-to-end tests: Debian's Chromium through playwright-core, the API of
// the server under test, screenshots, and the formatting rules the UI must follow.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? path.join(here, 'artifacts');
export const BASE = (process.env.BALLAST_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The province analyst the tests run as (created by run.sh after `ballast demo`). */
export const USER = process.env.E2E_USER ?? 'e2e';
export const PASSWORD = process.env.E2E_PASSWORD ?? 'secret-pass-123';

/** Debian's Chromium; every context of it is a separate session (cookies). */
export async function launchBrowser() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context (no cookies) with one page, collecting page errors. */
export async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems, close: () => context.close() };
}

/**
 * Logs a browser context in through the API (the cookie is HttpOnly, so it is set by the server
 * in the context's own cookie jar); returns the session JSON.
 */
export async function loginContext(context, username = USER, password = PASSWORD) {
  const res = await context.request.post(`${BASE}/api/v1/session`, { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username}: HTTP ${res.status()} ${await res.text()}`);
  return res.json();
}

/** A browser with one context logged in as the province analyst. */
export async function launch() {
  const browser = await launchBrowser();
  const ctx = await newContext(browser);
  await loginContext(ctx.context);
  return {
    ...ctx,
    browser,
    async close() {
      await browser.close();
    },
  };
}

// ---- the API, from node, with bearer tokens ----
const tokens = new Map();
/** POST /session; the bearer token of the user (cached per user). */
export async function tokenOf(username = USER, password = PASSWORD) {
  if (tokens.has(username)) return tokens.get(username);
  const res = await fetch(`${BASE}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await res.json();
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${JSON.stringify(body)}`);
  tokens.set(username, body.token);
  return body.token;
}
export async function authHeaders(username = USER, password = PASSWORD) {
  return { authorization: `Bearer ${await tokenOf(username, password)}` };
}

function apiUrl(pathname, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null));
  return `${BASE}/api/v1${pathname}${q.size ? `?${q}` : ''}`;
}

/** GET as the province analyst; throws on an error status. */
export async function api(pathname, params = {}) {
  const url = apiUrl(pathname, params);
  const res = await fetch(url, { headers: pathname === '/health' ? {} : await authHeaders() });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** GET with a given token (or none): {status, body}, whatever the status. */
export async function apiAs(token, pathname, params = {}, headers = {}) {
  const res = await fetch(apiUrl(pathname, params), { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

export async function shot(page, name) {
  await page.waitForTimeout(400); // let chart animations settle
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Waits until no loading mask is visible. */
export async function settled(page, timeout = 30_000) {
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.el-loading-mask')).some((m) => m.offsetParent !== null && getComputedStyle(m).display !== 'none'), null, { timeout });
}

/** The page must never show NaN, Infinity, "undefined" or untranslated dictionary keys. */
export async function assertCleanText(page, assert) {
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\bNaN\b|Infinity|\bundefined\b|\bnull\b/, 'no NaN / Infinity / undefined / null on the page');
  assert.doesNotMatch(text, /\b(app|nav|header|common|unit|cockpit|explorer|rankings|warnings|targets|imports|enterprise|login|auth)\.[a-z][A-Za-z]+\b/, 'no untranslated keys');
  return text;
}

// ---- the UI's formatting rules, restated (src/shared/lib/format.ts is their implementation) ----
export function round(x, d) {
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  const s = abs.toString();
  const r = s.includes('e') ? Math.round(abs * 10 ** d) / 10 ** d : Number(`${Math.round(Number(`${s}e${d}`))}e-${d}`);
  return r === 0 ? 0 : sign * r;
}
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
function grouped(x, d) {
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }).format(Math.abs(x));
}
export function fmtGrowth(x) {
  if (!isNum(x)) return '—';
  const r = round(x, 1);
  return `${r < 0 ? '-' : r > 0 ? '+' : ''}${grouped(r, 1)}%`;
}
/** 万元 amounts in 亿元 (2 decimals) or 万元 (1 decimal). */
export function fmtAmount(x, mode = 'yi') {
  if (!isNum(x)) return '—';
  const r = mode === 'yi' ? round(x / 1e4, 2) : round(x, 1);
  return `${r < 0 ? '-' : ''}${grouped(r, mode === 'yi' ? 2 : 1)}`;
}
/** The number an export must contain for a measure (same rounding as the screen). */
export function exportNumber(measure, x, mode = 'yi') {
  if (!isNum(x)) return '—';
  if (measure === 'value' || measure === 'ytd') return mode === 'yi' ? round(x / 1e4, 2) : round(x, 1);
  if (measure === 'contrib_pp') return round(x, 2);
  if (measure === 'n') return round(x, 0);
  return round(x, 1);
}

/** Minimal RFC 4180 parser (quotes, doubled quotes, CRLF). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The region the UI opens on: the user's scope; for a national user the province with data, else the whole country. */
export async function dataRoot(latest) {
  const me = await api('/session');
  if (me.user.region.code !== '100000') return me.user.region.code;
  const t = await api('/table', { indicator: 'output_value', measures: 'n', period: latest, region: '100000', dim: 'region' });
  const withData = t.rows.filter((r) => (r.n ?? r.values?.n ?? 0) > 0);
  return withData.length === 1 ? withData[0].code : '100000';
}

export function byRank(rows) {
  return [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

// ---- documents read back ----
function unescapeXml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** An XLSX file as {sheet name: [[cell]]}: shared strings resolved, numbers as numbers. */
export function readXlsx(bytes) {
  const zip = unzipSync(new Uint8Array(bytes));
  const shared = zip['xl/sharedStrings.xml'] ? [...strFromU8(zip['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescapeXml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))) : [];
  const names = [...strFromU8(zip['xl/workbook.xml']).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => unescapeXml(m[1]));
  const out = {};
  names.forEach((name, i) => {
    const xml = strFromU8(zip[`xl/worksheets/sheet${i + 1}.xml`]);
    const rows = [];
    for (const r of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
      const row = [];
      for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const v = /<v>([^<]*)<\/v>/.exec(c[3] ?? '')?.[1];
        const inline = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(c[3] ?? '')?.[1];
        if (v === undefined && inline === undefined) continue;
        row[col] = v === undefined ? unescapeXml(inline) : /t="s"/.test(c[2]) ? shared[Number(v)] : /t="str"/.test(c[2]) ? unescapeXml(v) : Number(v);
      }
      rows.push(row);
    }
    out[name] = rows;
  });
  return out;
}

/** The text of a DOCX file's body, paragraph by paragraph (table cells one per line). */
export function docxText(bytes) {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => unescapeXml([...p[0].matchAll(/<w:t[^>]*>([\s\S]*?)<\/w:t>/g)].map((t) => t[1]).join(''))).join('\n');
}

/** Clicks `locator` and answers the download it starts: {name, bytes}. */
export async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const file = path.join(ARTIFACTS, `download-${process.pid}-${Date.now()}`);
  await dl.saveAs(file);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file, { force: true });
  return { name: dl.suggestedFilename(), bytes };
}

// ---- the enterprise service (万人助万企): users, appeals and the drawer's steps ----
/** POST with a bearer token: a JSON body, or FormData as it is; {status, body}. */
export async function apiPost(token, pathname, body) {
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  const res = await fetch(`${BASE}/api/v1${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(form || body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: form ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try {
    json = await res.json();
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: json };
}

/** Whether the server has the service routes and run.sh gave the administrator's password: '' or why not. */
export async function serviceSkipReason() {
  const cats = await apiAs(await tokenOf(), '/appeal-categories');
  if (cats.status === 404) return 'this server has no enterprise-service routes (GET /appeal-categories: 404)';
  if (!process.env.E2E_ADMIN_PASSWORD) return 'E2E_ADMIN_PASSWORD is not set (web/e2e/run.sh sets it)';
  return '';
}

/** The administrator of `ballast demo` (run.sh passes its password). */
export function adminToken() {
  return tokenOf('admin', process.env.E2E_ADMIN_PASSWORD);
}

/** Creates users with the test password ({username, role, region, unit?, uscc?}); an existing one is kept. */
export async function ensureUsers(users) {
  const admin = await adminToken();
  for (const u of users) {
    const r = await apiPost(admin, '/users', { ...u, password: PASSWORD });
    if (!(r.status < 300 || r.status === 409)) throw new Error(`create ${u.username}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
}

/** The demo province's enterprises with output in the latest period, largest first: their codes. */
export async function henanEnterprises(n) {
  const periods = await api('/periods');
  const t = await api('/table', { indicator: 'output_value', measures: 'value', period: periods.latest, region: '410000', dim: 'enterprise', limit: n });
  return t.rows.map((r) => r.code);
}

/** A new browser context (its own cookies) logged in as `username`. */
export async function contextAs(browser, username) {
  const ctx = await newContext(browser);
  await loginContext(ctx.context, username, PASSWORD);
  return ctx;
}

/** The input or textarea of a form field by its data-testid (on the element or a wrapper). */
export function field(page, testid) {
  return page.locator(`:is(input, textarea)[data-testid="${testid}"], [data-testid="${testid}"] :is(input, textarea)`).first();
}

/** Opens the appeal drawer of `id` on a page of the service (/appeals, /appeals/inbox, /appeals/board). */
export async function openAppeal(page, pathname, id) {
  await page.goto(`${BASE}${pathname}?appeal=${id}`);
  await page.waitForSelector(`[data-testid="appeal-details"][data-id="${id}"]`);
}

/**
 * Through the API: the enterprise user files an appeal and the dispatcher accepts it and
 * dispatches it by the catalogue. Answers the dispatched appeal.
 */
export async function fileAndDispatch(enterprise, dispatcher, appeal) {
  const filed = await apiPost(await tokenOf(enterprise), '/appeals', { contact: '王经理 13800000000', channel: 'online', ...appeal });
  if (filed.status !== 201) throw new Error(`file: HTTP ${filed.status} ${JSON.stringify(filed.body)}`);
  const disp = await tokenOf(dispatcher);
  let a = filed.body.appeal;
  for (const step of ['accept', 'dispatch']) {
    const r = await apiPost(disp, `/appeals/${a.id}/${step}`, { version: a.version });
    if (r.status !== 200) throw new Error(`${step}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    a = r.body.appeal ?? r.body;
  }
  return a;
}

/** The Beijing month (YYYY-MM) of now. */
export function beijingMonth() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
}
