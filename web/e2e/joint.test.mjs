// End-to-end test of joint handling (会办, docs/service.md "Joint handling"): the dispatcher
// dispatches, the lead unit adds a co-unit in the appeal's drawer, the co-unit contributes its
// part, the lead's reply waits for it and then consolidates it, and the enterprise sees only the
// reply — neither the co-unit's name nor its contribution — through the UI and the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, apiAs, apiPost as post, BASE, contextAs, field, launchBrowser, openAppeal, PASSWORD, shot, tokenOf } from './lib.mjs';

const LEAD = '省地方金融监管局'; // the catalogue's unit for 融资 in Henan (data/service/dispatch.json)
const CO = '省商务厅';
const CONTRIBUTION = '出口信保保费补贴可申报，年度限额五十万元（e2e）';
const REPLY = '经会办：续贷已由合作银行受理；出口信保保费补贴可另行申报（e2e）';
let browser;
let ready = true;
let skipWhy = '';


before(async () => {
  const cats = await apiAs(await tokenOf(), '/appeal-categories');
  if (cats.status === 404 || !process.env.E2E_ADMIN_PASSWORD) {
    ready = false;
    skipWhy = cats.status === 404 ? 'no enterprise-service routes' : 'E2E_ADMIN_PASSWORD is not set (web/e2e/run.sh sets it)';
    return;
  }
  const admin = await tokenOf('admin', process.env.E2E_ADMIN_PASSWORD);
  const periods = await api('/periods');
  const t = await api('/table', { indicator: 'output_value', measures: 'value', period: periods.latest, region: '410000', dim: 'enterprise', limit: 1 });
  const uscc = t.rows[0].code;
  for (const u of [
    { username: 'jent', role: 'enterprise', uscc, region: '410000' },
    { username: 'jdisp', role: 'dispatcher', region: '410000' },
    { username: 'jlead', role: 'handler', region: '410000', unit: LEAD },
    { username: 'jco', role: 'handler', region: '410000', unit: CO },
  ]) {
    const r = await post(admin, '/users', { ...u, password: PASSWORD });
    assert.ok(r.status < 300 || r.status === 409, `create ${u.username}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const as = (username) => contextAs(browser, username);
async function stateIs(page, state) {
  await page.waitForSelector(`[data-testid="appeal-details"][data-state="${state}"]`);
}

describe('joint handling (会办)', () => {
  test('dispatch → co-unit contribution → consolidated reply → the enterprise sees only the reply', async (t) => {
    if (!ready) return t.skip(skipWhy);
    const filed = await post(await tokenOf('jent'), '/appeals', { category: 'financing', title: '续贷与出口信保（会办 e2e）', description: '流动资金贷款续贷，并咨询出口信保补贴。', contact: '王经理', channel: 'online' });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const id = filed.body.appeal.id;

    // 1. the dispatcher accepts and dispatches by the catalogue
    const disp = await as('jdisp');
    await openAppeal(disp.page, '/appeals/board', id);
    await disp.page.locator('[data-testid="act-accept"]').click();
    await stateIs(disp.page, 'accepted');
    await disp.page.locator('[data-testid="act-dispatch"]').click();
    await disp.page.locator('[data-testid="step-submit"]').click();
    await stateIs(disp.page, 'dispatched');

    // 2. the lead unit starts and adds 省商务厅 as a co-unit
    const lead = await as('jlead');
    await openAppeal(lead.page, '/appeals/inbox', id);
    await lead.page.locator('[data-testid="act-start"]').click();
    await stateIs(lead.page, 'in_progress');
    await field(lead.page, 'joint-unit').fill(CO);
    await field(lead.page, 'joint-question').fill('企业可申报哪些出口信保补贴？');
    await lead.page.locator('[data-testid="joint-add-submit"]').click();
    await lead.page.waitForSelector(`[data-testid="joint-part"][data-unit="${CO}"][data-state="open"]`);
    // the reply waits for the open part
    const version = (await apiAs(await tokenOf('jlead'), `/appeals/${id}`)).body.appeal.version;
    const early = await post(await tokenOf('jlead'), `/appeals/${id}/reply`, { version, reply: '先答复' });
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.match(early.body.error.message, new RegExp(CO));

    // 3. the co-unit sees the appeal, cannot reply, and contributes its part
    const co = await as('jco');
    await openAppeal(co.page, '/appeals/inbox', id);
    assert.equal(await co.page.locator('[data-testid="act-reply"]').count(), 0, 'a co-unit is offered no reply');
    await field(co.page, 'joint-answer').fill(CONTRIBUTION);
    await co.page.locator('[data-testid="joint-answer-submit"]').click();
    await co.page.waitForSelector(`[data-testid="joint-part"][data-unit="${CO}"][data-state="answered"]`);
    await shot(co.page, 'appeals-joint-co-unit');
    const coReply = await post(await tokenOf('jco'), `/appeals/${id}/reply`, { version, reply: '直接答复' });
    assert.equal(coReply.status, 403);

    // 4. the lead consolidates the contribution into its reply
    await openAppeal(lead.page, '/appeals/inbox', id);
    await lead.page.waitForSelector(`[data-testid="joint-part"][data-unit="${CO}"] [data-role="answer"]`);
    assert.match(await lead.page.locator(`[data-testid="joint-part"][data-unit="${CO}"] [data-role="answer"]`).innerText(), /出口信保保费补贴/);
    await lead.page.locator('[data-testid="act-reply"]').click();
    await field(lead.page, 'step-reply').fill(REPLY);
    await lead.page.locator('[data-testid="step-submit"]').click();
    await stateIs(lead.page, 'replied');
    await shot(lead.page, 'appeals-joint-lead');

    // 5. the enterprise reads the consolidated reply and nothing of the joint handling
    const ent = await as('jent');
    await openAppeal(ent.page, '/appeals', id);
    await stateIs(ent.page, 'replied');
    assert.match(await ent.page.locator('[data-testid="appeal-reply"]').innerText(), /经会办/);
    assert.equal(await ent.page.locator('[data-testid="appeal-joint"]').count(), 0);
    const text = await ent.page.locator('[data-testid="appeal-drawer"]').innerText();
    assert.ok(!text.includes(CO), 'the co-unit is not named to the enterprise');
    assert.ok(!text.includes(CONTRIBUTION), 'the contribution is internal');
    await shot(ent.page, 'appeals-joint-enterprise');
    const asEnt = await apiAs(await tokenOf('jent'), `/appeals/${id}`);
    assert.equal(asEnt.status, 200);
    assert.ok(!JSON.stringify(asEnt.body).includes(CO));
    assert.ok(!JSON.stringify(asEnt.body).includes(CONTRIBUTION));
    const joint = await apiAs(await tokenOf('jent'), `/appeals/${id}/joint`);
    assert.deepEqual(joint.body, { parts: [], notices: [] });
    await Promise.all([disp.close(), lead.close(), co.close(), ent.close()]);
  });
});
