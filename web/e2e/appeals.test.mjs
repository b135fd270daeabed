// End-to-end test of 万人助万企 (docs/api.md "Enterprise service", docs/service.md): the full
// closed loop through the UI — the enterprise files, the dispatcher accepts and dispatches by the
// catalogue, the unit starts and replies, the enterprise rates, the dispatcher closes — each step
// checked against GET /appeals/{id}; the 4,000-character limit; no other enterprise's appeal; the
// metrics table against GET /service/metrics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, apiAs, apiPost as post, assertCleanText, BASE, contextAs, field, launchBrowser, openAppeal, PASSWORD, settled, shot, tokenOf } from './lib.mjs';

const CATEGORY = 'financing'; // 融资
let browser;
let uscc;
let unit;
let ready = true;
let skipWhy = '';


before(async () => {
  const cats = await apiAs(await tokenOf(), '/appeal-categories');
  if (cats.status === 404) {
    ready = false;
    skipWhy = 'this server has no enterprise-service routes (GET /appeal-categories: 404)';
    return;
  }
  // the catalogue's unit for 融资 in Henan (data/service/dispatch.json)
  unit = '省地方金融监管局';
  if (process.env.E2E_ADMIN_PASSWORD) {
    // the real server: create ent / disp / unit with the administrator
    const admin = await tokenOf('admin', process.env.E2E_ADMIN_PASSWORD);
    const periods = await api('/periods');
    const t = await api('/table', { indicator: 'output_value', measures: 'value', period: periods.latest, region: '410000', dim: 'enterprise', limit: 1 });
    uscc = t.rows[0].code;
    for (const u of [
      { username: 'ent', role: 'enterprise', uscc, region: '410000' },
      { username: 'disp', role: 'dispatcher', region: '410000' },
      { username: 'unit', role: 'handler', region: '410000', unit },
    ]) {
      const r = await post(admin, '/users', { ...u, password: PASSWORD });
      assert.ok(r.status < 300 || r.status === 409, `create ${u.username}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  const me = await apiAs(await tokenOf('ent'), '/session');
  uscc = me.body.user.uscc;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const as = (username) => contextAs(browser, username);
async function stateIs(page, state) {
  await page.waitForSelector(`[data-testid="appeal-details"][data-state="${state}"]`);
}
async function apiAppeal(id) {
  const r = await apiAs(await tokenOf('disp'), `/appeals/${id}`);
  assert.equal(r.status, 200);
  return r.body;
}
async function pickOption(page, testid, label) {
  await page.locator(`[data-testid="${testid}"]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

describe('enterprise service', () => {
  let id;
  test('the closed loop through the UI', async (t) => {
    if (!ready) return t.skip(skipWhy);
    // 1. the enterprise files an appeal (融资); it lands on /appeals after login
    const ent = await as('ent');
    await ent.page.goto(`${BASE}/`);
    await ent.page.waitForURL((u) => new URL(u).pathname === '/appeals');
    await ent.page.waitForSelector('[data-testid="page-appeals"]');
    await ent.page.locator('[data-testid="file-appeal"]').click();
    await pickOption(ent.page, 'file-category', '融资');
    await field(ent.page, 'file-title').fill('流动资金贷款续贷（e2e）');
    // the counter blocks 4,001 characters
    await field(ent.page, 'file-description').fill('贷'.repeat(4001));
    await field(ent.page, 'file-contact').fill('王经理 13800000000');
    assert.equal(await ent.page.locator('[data-testid="file-counter"]').getAttribute('data-count'), '4001');
    assert.ok(await ent.page.locator('[data-testid="file-submit"]').isDisabled(), '4,001 characters cannot be submitted');
    await field(ent.page, 'file-description').fill('一笔 500 万元流动资金贷款将于下月到期，银行暂停续贷，请协调。');
    await field(ent.page, 'file-attachments').fill('贷款合同.pdf\n财务报表.xlsx');
    await shot(ent.page, 'appeals-file');
    await ent.page.locator('[data-testid="file-submit"]').click();
    await ent.page.waitForURL((u) => !!new URL(u).searchParams.get('appeal'));
    id = new URL(ent.page.url()).searchParams.get('appeal');
    await stateIs(ent.page, 'submitted');
    let got = await apiAppeal(id);
    assert.equal(got.appeal.state, 'submitted');
    assert.equal(got.appeal.uscc, uscc);
    assert.equal(got.appeal.category, CATEGORY);
    assert.deepEqual(got.appeal.attachments, ['贷款合同.pdf', '财务报表.xlsx']);
    assert.equal(got.history.at(-1).actor, 'ent');

    // 2. the dispatcher accepts and dispatches (empty unit = the catalogue)
    const disp = await as('disp');
    await openAppeal(disp.page, '/appeals/board', id);
    await disp.page.locator('[data-testid="act-accept"]').click();
    await stateIs(disp.page, 'accepted');
    await disp.page.locator('[data-testid="act-dispatch"]').click();
    await disp.page.locator('[data-testid="step-submit"]').click();
    await stateIs(disp.page, 'dispatched');
    got = await apiAppeal(id);
    assert.equal(got.appeal.state, 'dispatched');
    assert.equal(got.appeal.unit, unit, 'dispatched by the catalogue');
    assert.ok(got.appeal.due && got.appeal.response_due, 'deadlines set');
    assert.deepEqual(got.history.slice(-2).map((h) => [h.action, h.actor]), [['accept', 'disp'], ['dispatch', 'disp']]);
    await disp.page.goto(`${BASE}/appeals/board?tab=active`);
    await settled(disp.page);
    await disp.page.waitForSelector(`[data-testid="board-table"] [data-role="title"][data-id="${id}"]`);
    await assertCleanText(disp.page, assert);
    await shot(disp.page, 'appeals-board');

    // 3. the unit sees it in its inbox (sorted by due date), starts and replies
    const u = await as('unit');
    await u.page.goto(`${BASE}/appeals/inbox`);
    await u.page.waitForSelector(`[data-testid="inbox-table"] [data-role="due"][data-id="${id}"]`);
    const dues = await u.page.$$eval('[data-testid="inbox-table"] [data-role="due"]', (xs) => xs.map((x) => x.getAttribute('data-due') || '9999'));
    assert.deepEqual(dues, [...dues].sort(), 'sorted by due date');
    // the flag of the new appeal follows GET /appeal-reminders (first response due the next workday)
    const rem = (await apiAs(await tokenOf('unit'), '/appeal-reminders')).body.reminders.filter((r) => String(r.appeal_id) === String(id));
    const want = rem.some((r) => r.kind === 'overdue') ? 'overdue' : rem.some((r) => r.kind === 'due_tomorrow') ? 'tomorrow' : '';
    assert.equal(await u.page.locator(`[data-testid="inbox-table"] [data-role="due"][data-id="${id}"]`).getAttribute('data-flag'), want, 'flag as the reminders say');
    await shot(u.page, 'appeals-inbox');
    await openAppeal(u.page, '/appeals/inbox', id);
    await u.page.locator('[data-testid="act-start"]').click();
    await stateIs(u.page, 'in_progress');
    await u.page.locator('[data-testid="act-reply"]').click();
    await field(u.page, 'step-reply').fill('已协调合作银行办理续贷，贷款于本月完成转贷。');
    await u.page.locator('[data-testid="step-submit"]').click();
    await stateIs(u.page, 'replied');
    got = await apiAppeal(id);
    assert.equal(got.appeal.state, 'replied');
    assert.match(got.appeal.reply, /续贷/);
    assert.deepEqual(got.history.slice(-2).map((h) => [h.action, h.actor]), [['start', 'unit'], ['reply', 'unit']]);

    // 4. the enterprise rates 解决 / 满意
    await openAppeal(ent.page, '/appeals', id);
    await ent.page.locator('[data-testid="rate-solved"] label', { hasText: '已解决' }).click();
    await ent.page.locator('[data-testid="rate-satisfaction"] label', { hasText: /^满意$/ }).click();
    await shot(ent.page, 'appeals-rate');
    await ent.page.locator('[data-testid="rate-submit"]').click();
    await stateIs(ent.page, 'rated');
    got = await apiAppeal(id);
    assert.equal(got.appeal.rating_solved, true);
    assert.equal(got.appeal.satisfaction, 'satisfied');
    assert.equal(got.history.at(-1).actor, 'ent');

    // 5. the dispatcher closes
    await openAppeal(disp.page, '/appeals/board', id);
    await disp.page.locator('[data-testid="act-close"]').click();
    await stateIs(disp.page, 'closed');
    await shot(disp.page, 'appeals-drawer');
    got = await apiAppeal(id);
    assert.equal(got.appeal.state, 'closed');
    assert.deepEqual(got.history.map((h) => h.action).slice(-7), ['file', 'accept', 'dispatch', 'start', 'reply', 'rate', 'close']);
    await Promise.all([ent.close(), disp.close(), u.close()]);
  });

  test('the API refuses 4,001 characters', async (t) => {
    if (!ready) return t.skip(skipWhy);
    const r = await post(await tokenOf('ent'), '/appeals', { category: CATEGORY, title: 'x', description: '贷'.repeat(4001), contact: 'x', channel: 'online' });
    assert.equal(r.status, 400);
  });

  test("an enterprise cannot open another enterprise's appeal", async (t) => {
    if (!ready) return t.skip(skipWhy);
    const others = (await apiAs(await tokenOf('disp'), '/appeals')).body.appeals.filter((a) => a.uscc !== uscc);
    let other = others[0]?.id;
    if (!other) {
      const me = await api('/periods');
      const tb = await api('/table', { indicator: 'output_value', measures: 'value', period: me.latest, region: '410000', dim: 'enterprise' });
      const r = await post(await tokenOf('disp'), '/appeals', { uscc: tb.rows.find((x) => x.code !== uscc).code, category: 'labour', title: '招工', description: '缺技术工人', contact: 'x', channel: 'phone' });
      other = r.body.appeal.id;
    }
    assert.equal((await apiAs(await tokenOf('ent'), `/appeals/${other}`)).status, 404);
    const ent = await as('ent');
    await ent.page.goto(`${BASE}/appeals?appeal=${other}`);
    await ent.page.waitForSelector('[data-testid="appeal-not-found"]');
    await shot(ent.page, 'appeals-not-found');
    await ent.close();
  });

  test('the metrics table shows GET /service/metrics', async (t) => {
    if (!ready) return t.skip(skipWhy);
    const m = (await apiAs(await tokenOf('disp'), '/service/metrics', { group_by: 'unit' })).body;
    const disp = await as('disp');
    await disp.page.goto(`${BASE}/appeals/board?tab=metrics&group=unit`);
    await disp.page.waitForSelector('[data-testid="metrics-table"] [data-role="resolution"][data-key]');
    await settled(disp.page);
    const shown = await disp.page.$$eval('[data-testid="metrics-table"] [data-role="resolution"]', (xs) => xs.map((x) => [x.getAttribute('data-key'), x.textContent.trim(), x.getAttribute('data-num'), x.getAttribute('data-den')]));
    for (const r of m.rows) {
      const s = shown.find((x) => x[0] === r.key);
      assert.ok(s, `row ${r.key}`);
      const want = r.resolution.den > 0 && r.resolution.percent !== null ? `${(Math.round(r.resolution.percent * 10) / 10).toFixed(1)}%` : '—';
      assert.equal(s[1], want, `resolution of ${r.key}`);
      assert.equal(Number(s[2]), r.resolution.num);
      assert.equal(Number(s[3]), r.resolution.den);
    }
    await disp.page.waitForSelector('[data-testid="resolution-chart"] canvas');
    await assertCleanText(disp.page, assert);
    await shot(disp.page, 'appeals-metrics');
    await disp.close();
  });
});

describe('enterprise service: roles, conflicts, English', () => {
  test('a stale version (409) shows the server message and reloads the appeal', async (t) => {
    if (!ready) return t.skip(skipWhy);
    const disp = await tokenOf('disp');
    const filed = await post(disp, '/appeals', { uscc, category: 'labour', title: '技术工人招聘（e2e 并发）', description: '缺少数控技工 20 名。', contact: '李经理', channel: 'phone' });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const a = filed.body.appeal;
    const ctx = await as('disp');
    await openAppeal(ctx.page, '/appeals/board', a.id);
    // someone else accepts first
    assert.equal((await post(disp, `/appeals/${a.id}/accept`, { version: a.version })).status, 200);
    assert.equal((await post(disp, `/appeals/${a.id}/accept`, { version: a.version })).status, 409, 'the API refuses a stale version');
    await ctx.page.locator('[data-testid="act-accept"]').click();
    await ctx.page.waitForSelector('.el-message--error');
    assert.match(await ctx.page.locator('.el-message--error').first().textContent(), /操作未成功/);
    await stateIs(ctx.page, 'accepted');
    await ctx.close();
  });

  test('a viewer gets the metrics only; the English switch translates the board', async (t) => {
    if (!ready) return t.skip(skipWhy);
    const v = await as('viewer');
    await v.page.goto(`${BASE}/appeals/board`);
    await v.page.waitForSelector('[data-testid="metrics-table"]');
    await settled(v.page);
    assert.equal(await v.page.locator('[data-testid="tab-submitted"]').count(), 0, 'no state tabs for a viewer');
    assert.equal(await v.page.locator('[data-testid="nav-board"]').count(), 1);
    assert.equal(await v.page.locator('[data-testid="nav-inbox"]').count(), 0);
    await v.page.goto(`${BASE}/appeals/board?tab=metrics&lang=en`);
    await v.page.waitForSelector('[data-testid="metrics-table"]');
    await settled(v.page);
    const text = await assertCleanText(v.page, assert);
    assert.match(text, /Resolution rate/);
    assert.doesNotMatch(text, /\bappeals\.[a-z][A-Za-z]+/, 'no untranslated keys');
    await shot(v.page, 'appeals-metrics-en');
    await v.page.evaluate(() => localStorage.setItem('ballast.locale', 'zh'));
    await v.close();
  });
});
