// End-to-end tests of the enterprise-service pages not covered by appeals.test.mjs and
// joint.test.mjs (docs/service.md, docs/benefits.md), each asserting what the user sees:
// - 惠企政策: an office's 免申即享 list of a policy, recording applied then granted, and the
//   enterprise's 为您推荐的政策 showing the grant;
// - attachments: an enterprise uploads a file with its appeal, the unit downloads the same bytes,
//   another enterprise gets nothing (404, and no drawer);
// - notifications: a dispatch raises the unit's unread count in the bell, opening the notification
//   reads it (the count falls back) and opens the appeal;
// - 统计: the cross-table loads as the API answers it, its XLSX export downloads, and the monthly
//   service report downloads as Word and Excel with the month's figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  adminToken,
  api,
  apiAs,
  apiPost,
  BASE,
  beijingMonth,
  contextAs,
  docxText,
  download,
  ensureUsers,
  field,
  fileAndDispatch,
  henanEnterprises,
  launchBrowser,
  openAppeal,
  readXlsx,
  serviceSkipReason,
  settled,
  shot,
  tokenOf,
} from './lib.mjs';

const FIN = '省地方金融监管局'; // the catalogue's unit for 融资 in Henan (data/service/dispatch.json)
const HR = '省人力资源社会保障厅'; // … for 用工
// A 1×1 PNG (the server checks the extension against the first bytes).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let browser;
let skipWhy = '';
let usccs = [];

before(async () => {
  skipWhy = await serviceSkipReason();
  if (skipWhy) return;
  usccs = await henanEnterprises(3);
  await ensureUsers([
    { username: 'sent', role: 'enterprise', uscc: usccs[0], region: '410000' },
    { username: 'soent', role: 'enterprise', uscc: usccs[1], region: '410000' },
    { username: 'sdisp', role: 'dispatcher', region: '410000' },
    { username: 'sfin', role: 'handler', region: '410000', unit: FIN },
    { username: 'shr', role: 'handler', region: '410000', unit: HR },
  ]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('惠企政策 (benefits)', () => {
  test('an office lists the 免申即享 enterprises, records applied and granted; the enterprise sees it', async (t) => {
    if (skipWhy) return t.skip(skipWhy);
    // A policy for the enterprise's own county and industry class, imported by the administrator.
    const me = await api(`/enterprises/${usccs[0]}`);
    const title = `县域${me.industry.code}行业技改补助（e2e）`;
    const csv = `id,title,issuer,doc_number,valid_from,valid_to,summary,benefit,conditions\nE2E-1,${title},河南省工业和信息化厅,豫工信〔2026〕1号,2024-01-01,,e2e,技改设备投资补助10%,"region = ${me.region.code}; industry = ${me.industry.code}"\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'e2e-policies.csv');
    const imported = await apiPost(await adminToken(), '/benefits/policies/import', form);
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const want = (await apiAs(await tokenOf('sdisp'), '/benefits/policies/E2E-1/matches')).body;
    assert.ok(want.matched.some((r) => r.uscc === usccs[0]), 'the API lists the enterprise');

    // The dispatcher's 免申即享 list shows the API's count and the enterprise.
    const disp = await contextAs(browser, 'sdisp');
    const page = disp.page;
    await page.goto(`${BASE}/benefits`);
    await page.waitForSelector('[data-testid="page-benefits"]');
    await page.locator('.el-tabs__item', { hasText: '免申即享' }).click();
    await page.locator('[data-testid="benefits-policy"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'E2E-1' }).first().click();
    const count = page.locator('[data-testid="benefits-count"]');
    await count.waitFor();
    assert.match(await count.innerText(), new RegExp(`\\b${want.matched_count}\\b`));
    const row = page.locator('[data-testid="benefits-matched"] .el-table__row', { hasText: usccs[0] });
    await row.waitFor();
    // Record the application, then the grant (50 万元).
    await row.locator('button', { hasText: '登记' }).click();
    await page.locator('[data-testid="benefits-save-record"]').click();
    await row.filter({ hasText: '已申报' }).waitFor();
    await row.locator('button', { hasText: '登记' }).click();
    await page.locator('.el-dialog .el-input-number input').fill('50');
    await page.locator('[data-testid="benefits-save-record"]').click();
    await row.filter({ hasText: '已兑现' }).waitFor();
    await shot(page, 'benefits-matches');
    const records = (await apiAs(await tokenOf('sdisp'), '/benefits/records', { policy: 'E2E-1' })).body.records;
    const mine = records.find((r) => r.uscc === usccs[0]);
    assert.equal(mine?.status, 'granted');
    assert.equal(mine?.amount, 50);

    // The enterprise reads the policy among its 为您推荐的政策, with the grant.
    const ent = await contextAs(browser, 'sent');
    await ent.page.goto(`${BASE}/benefits`);
    const forYou = ent.page.locator('[data-testid="benefits-for-you"] .el-table__row', { hasText: title });
    await forYou.waitFor();
    assert.match(await forYou.innerText(), /已兑现/);
    await shot(ent.page, 'benefits-for-you');
    // Another enterprise's for-me list does not hold it (not its county and class, or not matched).
    const other = (await apiAs(await tokenOf('soent'), '/benefits/for-me')).body.policies ?? [];
    const otherMe = await api(`/enterprises/${usccs[1]}`);
    if (otherMe.region.code !== me.region.code || otherMe.industry.code !== me.industry.code) {
      assert.ok(!other.some((p) => p.policy.id === 'E2E-1'), 'not offered to an enterprise that does not qualify');
    }
    await Promise.all([disp.close(), ent.close()]);
  });
});

describe('attachments', () => {
  test('uploaded with an appeal, downloaded by the unit, refused to a non-party', async (t) => {
    if (skipWhy) return t.skip(skipWhy);
    const appeal = await fileAndDispatch('sent', 'sdisp', { category: 'financing', title: '设备贷款贴息（附件 e2e）', description: '申请设备贷款贴息，附营业执照。' });
    const ent = await contextAs(browser, 'sent');
    await openAppeal(ent.page, '/appeals', appeal.id);
    await ent.page.locator('[data-testid="file-input"]').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
    const link = (page) => page.locator('[data-testid="appeal-files"] .file a', { hasText: '营业执照.png' });
    await link(ent.page).waitFor();
    await shot(ent.page, 'appeals-attachments');

    // The unit the appeal is with downloads exactly the bytes uploaded.
    const unit = await contextAs(browser, 'sfin');
    await openAppeal(unit.page, '/appeals/inbox', appeal.id);
    await link(unit.page).waitFor();
    const got = await download(unit.page, link(unit.page));
    assert.equal(got.name, '营业执照.png');
    assert.deepEqual(got.bytes, PNG);

    // Another enterprise: no list, no file, no drawer — as if the appeal did not exist.
    const files = (await apiAs(await tokenOf('sfin'), `/appeals/${appeal.id}/attachments`)).body.attachments;
    const id = files.find((f) => f.name === '营业执照.png').id;
    const other = await tokenOf('soent');
    assert.equal((await apiAs(other, `/appeals/${appeal.id}/attachments`)).status, 404);
    assert.equal((await apiAs(other, `/appeals/${appeal.id}/attachments/${id}`)).status, 404);
    const stranger = await contextAs(browser, 'soent');
    await stranger.page.goto(`${BASE}/appeals?appeal=${appeal.id}`);
    await stranger.page.waitForSelector('[data-testid="appeal-not-found"]');
    assert.equal(await stranger.page.locator('[data-testid="appeal-files"]').count(), 0);
    await Promise.all([ent.close(), unit.close(), stranger.close()]);
  });
});

describe('notifications', () => {
  test('a dispatch raises the unit’s unread count; opening the notification reads it', async (t) => {
    if (skipWhy) return t.skip(skipWhy);
    const hr = await contextAs(browser, 'shr');
    const page = hr.page;
    const unread = async () => (await apiAs(await tokenOf('shr'), '/notifications')).body.unread;
    const badge = page.locator('[data-testid="notification-unread"]');
    const before = await unread();
    await page.goto(`${BASE}/appeals/inbox`);
    await page.waitForSelector('[data-testid="notification-bell"]');
    if (before === 0) assert.equal(await badge.count(), 0, 'no badge while nothing is unread');
    else assert.equal(await badge.innerText(), String(before));

    const title = '技术工人招聘困难（通知 e2e）';
    const appeal = await fileAndDispatch('sent', 'sdisp', { category: 'labour', title, description: '急需数控技工二十名。' });
    const mid = (await apiAs(await tokenOf('shr'), '/notifications?unread=1&limit=200')).body;
    assert.ok(mid.notifications.some((n) => n.appeal_id === appeal.id), 'the dispatch is notified to the unit');
    assert.ok(mid.unread >= before + 1);
    await page.reload();
    await page.waitForSelector('[data-testid="notification-unread"]');
    assert.ok(Number(await badge.innerText()) >= before + 1, 'the badge counts it');

    await page.locator('[data-testid="notification-bell"]').click();
    // The dispatch's own notification, by its title: the background worker may add a reminder
    // of this very appeal at any moment (its first response is due the next workday, so a
    // 明日到期 notification of the same appeal and title can come first; it did in CI).
    const item = page.locator('[data-testid="notification-item"]', { hasText: `新派单：诉求 #${appeal.id}「` }).first();
    await item.waitFor();
    assert.ok((await item.innerText()).includes(title), 'the item names the appeal');
    await shot(page, 'notifications-bell');
    await item.click();
    // Reading it opens the appeal and marks it read. The count is checked against this one
    // notification: the worker may turn a reminder (of this or an earlier test's appeal) into a
    // new unread notification at any moment.
    await page.waitForSelector(`[data-testid="appeal-details"][data-id="${appeal.id}"]`);
    const after = (await apiAs(await tokenOf('shr'), '/notifications?unread=1&limit=200')).body;
    const dispatchOf = (n) => n.appeal_id === appeal.id && n.kind === 'dispatched';
    assert.ok(mid.notifications.some(dispatchOf), 'the dispatch notification was unread before');
    assert.ok(!after.notifications.some(dispatchOf), 'opening it read the dispatch notification');
    assert.equal(after.unread, after.notifications.length, 'the count is the unread notifications, this one not among them');
    if (after.unread === 0) await badge.waitFor({ state: 'detached' });
    await hr.close();
  });
});

describe('统计 (statistics)', () => {
  test('the cross-table as the API answers it, its XLSX export and the monthly report', async (t) => {
    if (skipWhy) return t.skip(skipWhy);
    const month = beijingMonth();
    await fileAndDispatch('soent', 'sdisp', { category: 'financing', title: '应收账款融资（统计 e2e）', description: '应收账款质押融资。' });
    const disp = await contextAs(browser, 'sdisp');
    const page = disp.page;
    await page.goto(`${BASE}/appeals/stats`);
    await page.waitForSelector('[data-testid="page-stats"]');
    await settled(page);
    const stats = (await apiAs(await tokenOf('sdisp'), '/service/statistics')).body;
    assert.ok(stats.cross.length > 0);
    const rows = page.locator('[data-testid="stats-cross"] .el-table__body tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), stats.cross.length, 'one row per row of the API');
    const first = stats.cross[0];
    assert.match(await rows.first().innerText(), new RegExp(`\\b${first.filed}\\b`));

    // The export holds the rows shown.
    const xlsx = await download(page, page.locator('[data-testid="export-cross"]'));
    assert.match(xlsx.name, /\.xlsx$/);
    const sheets = Object.values(readXlsx(xlsx.bytes));
    assert.equal(sheets[0].length, stats.cross.length + 1, 'a header row and the rows');

    // The monthly report of this month: the figures of the statistics of the same month.
    const monthly = (await apiAs(await tokenOf('sdisp'), '/service/statistics', { from: month, to: month })).body;
    const filed = monthly.cross.reduce((n, r) => n + r.filed, 0);
    const closed = monthly.cross.reduce((n, r) => n + r.closed, 0);
    assert.ok(filed > 0, 'the tests filed appeals this month');
    await field(page, 'stats-report-month').fill(month);
    await field(page, 'stats-report-month').press('Enter');
    const docx = await download(page, page.locator('[data-testid="stats-report-docx"]'));
    assert.equal(docx.name, `service-report-410000-${month}.docx`);
    const text = docxText(docx.bytes);
    const [y, m] = month.split('-').map(Number);
    assert.match(text, new RegExp(`${y}年${m}月河南省企业服务（万人助万企）工作月报`));
    assert.match(text, new RegExp(`共收到企业诉求${filed}件，受理\\d+件，办结${closed}件`));
    assert.match(text, /问题解决率(—|\d+\.\d%)（最近一次评价为“已解决”\d+件 \/ 已评价\d+件/);
    const book = readXlsx((await download(page, page.locator('[data-testid="stats-report-xlsx"]'))).bytes);
    assert.deepEqual(Object.keys(book).slice(0, 3), ['概要', '解决率满意率', '类别地区']);
    assert.ok(book['概要'].some((r) => r[0] === '收到诉求' && r[1] === filed), 'the workbook holds the count received');
    await shot(page, 'appeals-stats-report');

    // Enterprises get no report.
    assert.equal((await apiAs(await tokenOf('sent'), '/service/report', { month })).status, 403);
    await disp.close();
  });
});
