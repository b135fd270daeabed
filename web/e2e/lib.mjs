// Shared helpers of the end-to-end tests: Debian's Chromium through playwright-core, the API of
// the server under test, screenshots, and the formatting rules the UI must follow.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
