// Parks ranked by the server (issue 15 item 2): the parks page, the cockpit's 园区 block and the
// rankings page's 园区 choice show GET /api/v1/parks/table's ranks and figures. Started by e2e/run.sh.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, assertCleanText, BASE, dataRoot, fmtGrowth, launch, settled, shot } from './lib.mjs';

let b;
let page;
let latest;
let root;

before(async () => {
  latest = (await api('/periods')).latest;
  root = await dataRoot(latest);
  b = await launch();
  page = b.page;
});
after(async () => {
  await b?.close();
});

async function open(url) {
  await page.goto(`${BASE}${url}`);
  await page.waitForSelector('[data-testid^="page-"]');
  await settled(page);
}

describe('parks ranked', () => {
  test('the rankings page ranks the parks of the region as the API does', async () => {
    const t = await api('/parks/table', { indicator: 'output_value', measures: 'ytd_yoy', period: latest, region: root });
    assert.ok(t.rows.length > 0, 'the demo has parks');
    await open(`/rankings?indicator=output_value&measure=ytd_yoy&period=${latest}&region=${root}&dim=park`);
    await page.waitForSelector('[data-testid="rankings-table"] .el-table__body tr');
    const first = page.locator('[data-testid="rankings-table"] .el-table__body tr').first().locator('td');
    assert.equal((await first.nth(0).textContent()).trim(), String(t.rows[0].rank ?? '—'));
    assert.equal((await first.nth(1).textContent()).trim(), t.rows[0].name);
    // an analyst sees a figure publication would withhold with a dagger
    const dagger = t.rows[0].would_suppress ? '†' : '';
    if (t.rows[0].values.ytd_yoy !== null) assert.equal((await first.nth(2).textContent()).trim(), `${fmtGrowth(t.rows[0].values.ytd_yoy)}${dagger}`);
    assert.match(await page.textContent('[data-testid="rankings-title"]'), /园区/);
    await assertCleanText(page, assert);
    await shot(page, 'rankings-parks');
  });

  test('the cockpit shows the top parks', async () => {
    await open(`/cockpit?indicator=output_value&measure=ytd_yoy&period=${latest}&region=${root}`);
    await page.waitForSelector('[data-testid="cockpit-parks-table"] .el-table__body tr');
    const t = await api('/parks/table', { indicator: 'output_value', measures: 'ytd_yoy', period: latest, region: root, limit: 8 });
    const rows = await page.locator('[data-testid="cockpit-parks-table"] .el-table__body tr').count();
    assert.equal(rows, t.rows.length);
    const first = page.locator('[data-testid="cockpit-parks-table"] .el-table__body tr').first().locator('td');
    assert.equal((await first.nth(1).textContent()).trim(), t.rows[0].name);
  });

  test('the parks page lists the server’s ranks', async () => {
    const t = await api('/parks/table', { indicator: 'output_value', measures: 'ytd_yoy', period: latest });
    await open('/parks');
    await page.waitForSelector('[data-testid="parks-table"] .el-table__body tr');
    const first = page.locator('[data-testid="parks-table"] .el-table__body tr').first().locator('td');
    assert.equal((await first.nth(0).textContent()).trim(), String(t.rows[0].rank ?? '—'));
    assert.ok((await first.nth(1).textContent()).includes(t.rows[0].code));
  });
});
