// End-to-end tests of logging in and out, roles and region scopes, in Debian's Chromium against a
// running `ballast serve` (BALLAST_URL) with the users run.sh creates: e2e (analyst, 河南省),
// viewer (viewer, 河南省) and city (analyst, 郑州市). Each test has its own browser context, i.e.
// its own session cookie.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { api, apiAs, assertCleanText, BASE, fmtAmount, fmtGrowth, launchBrowser, loginContext, newContext, parseCsv, PASSWORD, settled, shot, tokenOf, USER } from './lib.mjs';

let browser;
let latest;
const problems = [];
const contexts = [];

before(async () => {
  latest = (await api('/periods')).latest;
  browser = await launchBrowser();
});
after(async () => {
  for (const c of contexts) problems.push(...c.problems);
  await browser?.close();
  if (problems.length) console.log(`browser messages:\n  ${problems.join('\n  ')}`);
});

async function fresh() {
  const c = await newContext(browser);
  contexts.push(c);
  return c;
}
async function open(page, url) {
  await page.goto(`${BASE}${url}`);
  await page.waitForSelector('[data-testid^="page-"]');
  await settled(page);
}
async function loginThroughForm(page, username, password) {
  const field = (id) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
  await field('login-username').fill(username);
  await field('login-password').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
}

describe('login', () => {
  test('a wrong password shows an error; the right one lands on the cockpit', async () => {
    const { page, close } = await fresh();
    await page.goto(`${BASE}/login`);
    await page.waitForSelector('[data-testid="page-login"]');
    const text = await assertCleanText(page, assert);
    assert.match(text, /登录/);
    assert.match(text, /用户名/);
    await shot(page, 'login');
    // wrong password: 401, said in words, and still on the login page
    await loginThroughForm(page, USER, 'not-the-password');
    const err = page.locator('[data-testid="login-error"]');
    await err.waitFor();
    assert.match(await err.textContent(), /用户名或密码错误/);
    assert.equal(new URL(page.url()).pathname, '/login');
    await shot(page, 'login-error');
    // right password: the cockpit of the user's scope, the user menu shows name, role and scope
    await loginThroughForm(page, USER, PASSWORD);
    await page.waitForURL((u) => new URL(u).pathname === '/cockpit');
    await page.waitForSelector('[data-testid="page-cockpit"]');
    await settled(page);
    assert.equal(await page.locator('[data-testid="breadcrumb"] .current').getAttribute('data-code'), '410000');
    assert.equal((await page.locator('[data-testid="user-name"]').textContent()).trim(), USER);
    const meta = await page.locator('[data-testid="user-meta"]').textContent();
    assert.match(meta, /分析员/);
    assert.match(meta, /河南省/);
    await close();
  });

  test('a page opened without a session goes to /login and back after logging in', async () => {
    const { page, close } = await fresh();
    const target = `/rankings?indicator=revenue&measure=yoy&period=${latest}&region=410100`;
    await page.goto(`${BASE}${target}`);
    await page.waitForURL((u) => new URL(u).pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('redirect'), target, 'the page asked for is kept in ?redirect=');
    await loginThroughForm(page, USER, PASSWORD);
    await page.waitForURL((u) => new URL(u).pathname === '/rankings');
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('region'), '410100');
    assert.equal(u.searchParams.get('indicator'), 'revenue');
    await page.waitForSelector('[data-testid="rankings-table"] .el-table__body tr');
    await close();
  });

  test('too many failed logins (429) are said in words, in Chinese and in English', async () => {
    // The server's throttle is real (5 failures per address lock it for 15 minutes), so the 429 is
    // played by the browser here instead of locking out the other tests.
    const { page, close } = await fresh();
    await page.route('**/api/v1/session', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '900' }, body: JSON.stringify({ error: { code: 'too_many_requests', message: 'too many failed logins; try again in 15 minutes', details: {} } }) })
        : route.continue(),
    );
    await page.goto(`${BASE}/login`);
    await loginThroughForm(page, USER, 'whatever');
    const err = page.locator('[data-testid="login-error"]');
    await err.waitFor();
    assert.match(await err.textContent(), /登录失败次数过多.*15 分钟/);
    await page.locator('[data-testid="lang-switch"]').getByText('EN').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="login-submit"]')?.textContent.includes('Log in'));
    await loginThroughForm(page, USER, 'whatever');
    await page.waitForFunction(() => /Too many failed logins; try again in 15 minutes/.test(document.querySelector('[data-testid="login-error"]')?.textContent ?? ''));
    await assertCleanText(page, assert);
    await shot(page, 'login-429-en');
    await page.locator('[data-testid="lang-switch"]').getByText('中文').click();
    await close();
  });
});

describe('roles', () => {
  test('a viewer has no enterprise drill-down, no imports, and a friendly refusal on an enterprise URL', async () => {
    const { context, page, close } = await fresh();
    await loginContext(context, 'viewer', PASSWORD);
    const viewer = await tokenOf('viewer', PASSWORD);
    await open(page, `/explorer?indicator=output_value&measures=value,yoy&period=${latest}&region=410000&dim=region`);
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    const dims = await page.locator('[data-testid="explorer-dim"]').textContent();
    assert.match(dims, /按地区/);
    assert.doesNotMatch(dims, /按企业/, 'no enterprise drill option for a viewer');
    assert.equal(await page.locator('[data-testid="enterprise-link"]').count(), 0);
    assert.equal(await page.locator('[data-testid="nav-imports"]').count(), 0, 'no Imports item for a viewer');
    assert.match(await page.locator('[data-testid="user-meta"]').textContent(), /查看用户/);
    // an enterprise URL: the server refuses it, and the page says why
    const t = await api('/table', { indicator: 'output_value', measures: 'value', period: latest, region: '410000', dim: 'enterprise' });
    const uscc = t.rows[0].code;
    assert.equal((await apiAs(viewer, `/enterprises/${uscc}`)).status, 403, 'the API refuses enterprise data to a viewer');
    await open(page, `/enterprises/${uscc}`);
    const f = page.locator('[data-testid="forbidden"]');
    await f.waitFor();
    assert.match(await f.textContent(), /无权访问/);
    assert.match(await f.textContent(), /仅对分析员和管理员开放/);
    assert.equal(await page.locator('[data-testid="enterprise-name"]').count(), 0, 'no enterprise data shown');
    assert.equal(await page.locator('[data-testid="error"] .el-alert--error').count(), 0, 'a refusal, not an error');
    await assertCleanText(page, assert);
    await shot(page, 'viewer-enterprise-denied');
    // enterprise rows and imports through URLs: refused in words too
    await open(page, `/explorer?indicator=output_value&measures=value&period=${latest}&region=410000&dim=enterprise`);
    await page.locator('[data-testid="forbidden"]').waitFor();
    assert.equal((await apiAs(viewer, '/imports')).status, 403);
    await open(page, '/imports');
    assert.match(await page.locator('[data-testid="forbidden"]').textContent(), /数据导入仅对分析员和管理员开放/);
    await close();
  });

  test("a city analyst's cockpit opens on 郑州市, and 河南省 is refused", async () => {
    const { context, page, close } = await fresh();
    await loginContext(context, 'city', PASSWORD);
    const city = await tokenOf('city', PASSWORD);
    await open(page, '/cockpit');
    await page.waitForSelector('[data-testid="map"] canvas');
    const crumbs = page.locator('[data-testid="breadcrumb"] [data-code]');
    assert.deepEqual(await crumbs.evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), ['410100'], 'the breadcrumb starts at the scope');
    assert.equal(await page.locator('[data-testid="breadcrumb"] .current').textContent(), '郑州市');
    // the headline figures are 郑州市's, as the API gives them to this user
    const s = await apiAs(city, '/series', { indicator: 'output_value', measures: 'value,ytd,yoy,ytd_yoy', from: latest, to: latest, region: '410100' });
    assert.equal(s.status, 200);
    const v = s.body.points[0].values;
    const card = page.locator('[data-testid="kpi-output_value"]');
    assert.equal(await card.locator('[data-role="ytd"]').textContent(), fmtAmount(v.ytd, 'yi'));
    assert.equal(await card.locator('[data-role="ytd_yoy"]').textContent(), fmtGrowth(v.ytd_yoy));
    // the list holds the districts of 郑州市 (not the prefectures of the province)
    const t = await apiAs(city, '/table', { indicator: 'output_value', measures: 'ytd_yoy', period: latest, region: '410100', dim: 'region', sort: 'ytd_yoy' });
    const codes = await page.locator('[data-testid="map-list"] .list-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    assert.deepEqual(new Set(codes), new Set(t.body.rows.map((r) => r.code)));
    assert.ok(codes.every((c) => c.startsWith('4101')));
    await assertCleanText(page, assert);
    await shot(page, 'cockpit-city');
    // a URL for the province: the API refuses it, the page says so and shows no data
    assert.equal((await apiAs(city, '/series', { indicator: 'output_value', measures: 'ytd', from: latest, to: latest, region: '410000' })).status, 403);
    await open(page, `/cockpit?region=410000&period=${latest}`);
    const f = page.locator('[data-testid="forbidden"]');
    await f.waitFor();
    assert.match(await f.textContent(), /河南省不在您的数据范围内/);
    assert.match(await f.textContent(), /郑州市/);
    assert.equal(await page.locator('[data-testid^="kpi-"]').count(), 0, 'no figures shown');
    assert.equal(await page.locator('[data-testid="map"]').count(), 0, 'no map shown');
    await assertCleanText(page, assert);
    await shot(page, 'cockpit-city-denied');
    // and back to the scope in one click
    await page.locator('[data-testid="forbidden-scope"]').click();
    await page.waitForURL((u) => new URL(u).searchParams.get('region') === '410100');
    await page.waitForSelector('[data-testid="kpi-output_value"]');
    // the explorer cannot go above the scope either
    await open(page, `/explorer?indicator=output_value&measures=value,yoy&period=${latest}&dim=region`);
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    assert.match(await page.locator('[data-testid="explorer-title"]').textContent(), /郑州市/);
    assert.ok(await page.locator('[data-testid="explorer-up"]').isDisabled(), 'no way up from the scope');
    await close();
  });

  test('an enterprise user lands on its appeals, may open its own enterprise and nothing else', { skip: !process.env.E2E_ADMIN_PASSWORD && 'no administrator password' }, async () => {
    const admin = await tokenOf('admin', process.env.E2E_ADMIN_PASSWORD);
    const t = await api('/table', { indicator: 'output_value', measures: 'value', period: latest, region: '410000', dim: 'enterprise' });
    const [own, other] = [t.rows[0], t.rows[1]];
    const res = await fetch(`${BASE}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'firm', role: 'enterprise', uscc: own.code, region: '410000', password: PASSWORD }),
    });
    assert.ok(res.ok, `admin creates an enterprise user: HTTP ${res.status} ${await res.text()}`);
    const { context, page, close } = await fresh();
    await loginContext(context, 'firm', PASSWORD);
    await page.goto(`${BASE}/cockpit`);
    await page.waitForURL((u) => new URL(u).pathname === '/appeals');
    await open(page, `/enterprises/${own.code}`);
    await page.waitForSelector('[data-testid="enterprise-name"]');
    assert.equal((await page.locator('[data-testid="enterprise-name"]').textContent()).trim(), own.name);
    for (const k of ['cockpit', 'explorer', 'rankings', 'imports']) assert.equal(await page.locator(`[data-testid="nav-${k}"]`).count(), 0, `no ${k} for an enterprise user`);
    await open(page, `/enterprises/${other.code}`);
    assert.match(await page.locator('[data-testid="forbidden"]').textContent(), /只能查看本企业/);
    await close();
  });

  test('a viewer sees withheld figures as "…" with the rule as title, and the CSV explains "…"', async () => {
    const { context, page, close } = await fresh();
    await loginContext(context, 'viewer', PASSWORD);
    const viewer = await tokenOf('viewer', PASSWORD);
    // the demo store's small cells: the industry children of a node in 河南省 or one of its cities
    const industries = (await apiAs(viewer, '/catalog/industries')).body;
    const cities = (await apiAs(viewer, '/table', { indicator: 'output_value', measures: 'value', period: latest, region: '410000', dim: 'region' })).body.rows.slice(0, 3);
    let found = null;
    for (const region of ['410000', ...cities.map((c) => c.code)]) {
      for (const node of [industries, ...(industries.children ?? [])]) {
        const q = { indicator: 'output_value', measures: 'value,yoy', period: latest, region, industry: node.code, dim: 'industry' };
        const r = await apiAs(viewer, '/table', q);
        const row = r.status === 200 && r.body.rows.length <= 40 ? r.body.rows.find((x) => x.suppressed) : null;
        if (row) {
          found = { q, row };
          break;
        }
      }
      if (found) break;
    }
    assert.ok(found, 'the demo store has a withheld cell for a viewer');
    assert.equal(found.row.values.value, null, 'the API withholds the figure');
    const { q, row } = found;
    await open(page, `/explorer?indicator=${q.indicator}&measures=${q.measures}&period=${q.period}&region=${q.region}&industry=${q.industry}&dim=industry`);
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    const cell = page.locator('[data-testid="explorer-table"] .el-table-v2__row', { hasText: row.name }).locator('[data-col="value"] [data-sdc="suppressed"]').first();
    assert.equal((await cell.textContent()).trim(), '…', 'a withheld figure reads …, not — or 0');
    assert.match(await cell.getAttribute('title'), /(门槛规则|支配规则|p%规则|次级隐匿) — 依法不公布/);
    await assertCleanText(page, assert);
    await shot(page, 'viewer-suppressed');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv"]').click()]);
    const file = path.join(os.tmpdir(), `ballast-e2e-sdc-${process.pid}.csv`);
    await dl.saveAs(file);
    const csv = parseCsv(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file, { force: true });
    const line = csv.find((l) => l[1] === row.code);
    assert.deepEqual(line.slice(3, 5), ['…', '…'], 'the export writes … for both withheld measures');
    assert.match(csv[csv.length - 1][0], /^注：“…”表示依《统计法》不公布的数据（.+）。$/, 'a footnote explains …');
    await close();
    // the province analyst sees the figure, marked as one publication would withhold
    const analyst = await fresh();
    await loginContext(analyst.context);
    const mine = (await api('/table', q)).rows.find((x) => x.code === row.code);
    assert.equal(mine.suppressed, null);
    assert.equal(mine.would_suppress, row.suppressed);
    await open(analyst.page, `/explorer?indicator=${q.indicator}&measures=${q.measures}&period=${q.period}&region=${q.region}&industry=${q.industry}&dim=industry`);
    await analyst.page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    const marked = analyst.page.locator('[data-testid="explorer-table"] .el-table-v2__row', { hasText: row.name }).locator('[data-col="value"] [data-sdc="would"]').first();
    assert.equal((await marked.textContent()).trim(), `${fmtAmount(mine.values.value)}†`, 'the figure with a dagger');
    assert.match(await marked.getAttribute('title'), /^公布时将按.+隐匿/);
    await shot(analyst.page, 'analyst-would-suppress');
    await analyst.close();
  });
});

describe('logout', () => {
  test('a session ended elsewhere sends the user to /login and back to the page', async () => {
    const { context, page, close } = await fresh();
    await loginContext(context);
    await open(page, `/cockpit?period=${latest}`);
    const cookie = (await context.cookies(BASE)).find((c) => c.name === 'ballast_session');
    // end the session behind the page's back (the cookie's token doubles as the bearer token)
    const res = await fetch(`${BASE}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${cookie.value}` } });
    assert.ok(res.ok, `DELETE /session: HTTP ${res.status}`);
    await page.locator('[data-testid="nav-explorer"]').click();
    await page.waitForURL((u) => new URL(u).pathname === '/login');
    const redirect = new URL(page.url()).searchParams.get('redirect');
    assert.match(redirect, /^\/explorer\?/, 'the page the user was going to is kept');
    assert.match(await page.locator('[data-testid="login-error"]').textContent(), /登录已失效/);
    await loginThroughForm(page, USER, PASSWORD);
    await page.waitForURL((u) => new URL(u).pathname === '/explorer');
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    await close();
  });

  test('logging out returns to /login and the old session is refused afterwards', async () => {
    const { context, page, close } = await fresh();
    await loginContext(context);
    await open(page, '/cockpit');
    const cookie = (await context.cookies(BASE)).find((c) => c.name === 'ballast_session');
    assert.ok(cookie, 'the session cookie is set');
    assert.ok(cookie.httpOnly, 'the session cookie is HttpOnly');
    const before = await apiAs(null, '/session', {}, { cookie: `ballast_session=${cookie.value}` });
    assert.equal(before.status, 200);
    await page.locator('[data-testid="user-button"]').click();
    await page.locator('[data-testid="logout"]').click();
    await page.waitForURL((u) => new URL(u).pathname === '/login');
    await page.waitForSelector('[data-testid="page-login"]');
    const afterRes = await apiAs(null, '/session', {}, { cookie: `ballast_session=${cookie.value}` });
    assert.equal(afterRes.status, 401, 'the old session is refused');
    assert.equal((await apiAs(null, '/table', { indicator: 'output_value', measures: 'value', period: latest, region: '410000', dim: 'region' }, { cookie: `ballast_session=${cookie.value}` })).status, 401);
    // and the UI asks for a login again
    await page.goto(`${BASE}/cockpit`);
    await page.waitForURL((u) => new URL(u).pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/cockpit');
    await close();
  });
});
