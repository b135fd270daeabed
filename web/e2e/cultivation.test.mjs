// End-to-end test of the 培育库 page (docs/cultivation.md) against the demo store: the candidates
// the API ranks, in the same order and with the same months; the 专精特新 totals of the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, assertCleanText, BASE, launch, settled, shot } from './lib.mjs';

let b;
let page;

before(async () => {
  b = await launch();
  page = b.page;
});

after(async () => {
  await b?.close();
});

describe('cultivation', () => {
  test('the candidates are the API ranking; the stage counts its totals', async () => {
    const cands = await api('/cultivation/candidates');
    assert.ok(cands.rows.length > 100, 'the demo pool has candidates');
    await page.goto(`${BASE}/cultivation`);
    await page.waitForSelector('[data-testid="page-cultivation"]');
    await settled(page);
    await page.waitForSelector('[data-testid="cultivation-table"] .el-table__body tr');
    const first = await page.locator('[data-testid="cultivation-table"] .el-table__body tr').first().innerText();
    assert.ok(first.includes(cands.rows[0].name), `first row ${first} is ${cands.rows[0].name}`);
    const months = cands.rows[0].months_to_threshold;
    assert.ok(first.includes(months === null ? '—' : String(months)));
    await assertCleanText(page, assert);
    await shot(page, 'cultivation-candidates');

    const year = new Date().getFullYear() - 1;
    const stages = await api('/cultivation/stages', { year: String(year) });
    await page.getByRole('tab', { name: '专精特新' }).click();
    await page.waitForSelector('[data-testid="cultivation-stage-counts"] .el-table__body tr');
    await settled(page);
    const rows = await page.locator('[data-testid="cultivation-stage-counts"] .el-table__body tr').allInnerTexts();
    const total = rows[rows.length - 1];
    assert.ok(total.includes('合计'), total);
    assert.ok(total.includes(String(stages.total.holding.provincial)), `${total} holds ${stages.total.holding.provincial} provincial`);
    await assertCleanText(page, assert);
  });
});
