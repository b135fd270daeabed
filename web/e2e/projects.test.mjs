// 重大项目 through the UI (issue 15 items 1 and 5, docs/projects.md): the province analyst submits a
// monthly dispatch report with a 用地 blocker and reads it back in the history (cumulative =
// previous cumulative + the month) and in the 要素保障 ledger; the 三个一批 board shows the API's
// rates with numerator/denominator; the 郑州 analyst's register holds only 郑州 projects.
// Started by e2e/run.sh (`E2E_ONLY=projects bash web/e2e/run.sh BIN` runs this file alone).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, apiAs, assertCleanText, BASE, beijingMonth, contextAs, field, launch, settled, shot, tokenOf } from './lib.mjs';

const INVESTMENT = 1234; // 万元, the month's investment the analyst reports
const UNIT = '省自然资源厅（e2e）';
const ACCEPTED_ZH = '待派发'; // projects.ledger.states.accepted
const NEXT = { signed: 'started', started: 'in_production', in_production: 'at_capacity' };
const STAGE_ZH = { signed: '签约', started: '开工', in_production: '投产', at_capacity: '达效' };
let b;
let page;

before(async () => {
  b = await launch();
  page = b.page;
});
after(async () => {
  await b?.close();
});

async function openProjects(p = page) {
  await p.goto(`${BASE}/projects`);
  await p.waitForSelector('[data-testid="page-projects"]');
  await settled(p);
}

/** Picks `label` in the open dropdown of the el-select with data-testid `testid`. */
async function choose(p, testid, label, typed) {
  const sel = p.locator(`[data-testid="${testid}"]`).first();
  await sel.click();
  if (typed) await p.keyboard.type(typed);
  await p.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

/** Beijing date (YYYY-MM-DD) `days` from now. */
const beijingDate = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

describe('重大项目', () => {
  test('monthly dispatch: the report shows in the history with the cumulative and opens a 用地 item in the ledger', async () => {
    const month = beijingMonth();
    const { projects } = await api('/projects');
    assert.ok(projects.length > 0, 'the demo has a register');
    const open = (await api('/projects/factors', { factor: 'land', open: 'true' })).items;
    // a project with earlier reports (a cumulative to add to), without an open 用地 item (so that
    // this report opens one) and without a report this month
    let project;
    let before;
    // one that may still reach a stage first, so that the form's stage is exercised too
    for (const p of [...projects.filter((x) => NEXT[x.stage]), ...projects.filter((x) => !NEXT[x.stage])]) {
      if (open.some((i) => i.project_id === p.id)) continue;
      const r = (await api(`/projects/${p.id}/reports`)).reports;
      if (r.some((x) => x.month === month) || !r.some((x) => x.latest && x.month < month && x.cumulative > 0)) continue;
      project = p;
      before = r;
      break;
    }
    assert.ok(project, 'a project of the demo with reports and without an open 用地 item');
    const earlier = before.filter((r) => r.latest && r.month < month).sort((x, y) => x.month.localeCompare(y.month));
    const previous = earlier.length ? earlier.at(-1).cumulative : 0;
    // the previous cumulative is the sum of the latest versions (docs/projects.md), by hand
    assert.equal(previous, earlier.reduce((s, r) => s + r.investment, 0));
    assert.ok(previous > 0);
    const expected = previous + INVESTMENT;
    const stage = NEXT[project.stage]; // the next stage, when there is one
    const deadline = beijingDate(30);

    await openProjects();
    await page.locator('#tab-dispatch').click();
    await choose(page, 'report-project', `${project.code} ${project.name}`, project.code);
    await field(page, 'report-month').fill(month);
    await field(page, 'report-investment').fill(String(INVESTMENT));
    await field(page, 'report-investment').blur();
    if (stage) {
      await choose(page, 'report-stage', STAGE_ZH[stage]);
      await field(page, 'report-stage-date').fill(beijingDate(0));
    }
    await page.locator('[data-testid="report-add-blocker"]').click();
    await choose(page, 'blocker-factor', '用地');
    await field(page, 'blocker-unit').fill(UNIT);
    await field(page, 'blocker-deadline').fill(deadline);
    await page.locator('[data-testid="report-submit"]').click();

    // the history shows the new report of the month with the cumulative
    const row = page.locator('[data-testid="report-history"] .el-table__body tr', { hasText: month }).filter({ hasText: UNIT });
    await row.first().waitFor();
    const cells = row.first().locator('td');
    assert.equal((await cells.nth(0).innerText()).trim(), month);
    assert.equal((await cells.nth(1).innerText()).trim(), '1');
    assert.equal(Number((await cells.nth(2).innerText()).trim()), INVESTMENT);
    assert.equal(Number((await cells.nth(3).innerText()).trim()), expected, `cumulative ${previous} + ${INVESTMENT}`);
    if (stage) assert.match(await cells.nth(4).innerText(), new RegExp(STAGE_ZH[stage]));
    assert.equal((await cells.nth(5).innerText()).trim(), `用地（${UNIT}，${deadline}）`);
    await shot(page, 'projects-dispatch');
    // the server agrees
    const after = (await api(`/projects/${project.id}/reports`)).reports.find((r) => r.month === month && r.latest);
    assert.equal(after.cumulative, expected);
    assert.equal(after.investment, INVESTMENT);
    if (stage) assert.equal((await api(`/projects/${project.id}`)).project.stage, stage);

    // the ledger lists an open 用地 item of the project, opened by this report
    const items = (await api('/projects/factors', { project: project.id, factor: 'land', open: 'true' })).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].source, `report:${month}`);
    assert.equal(items[0].unit, UNIT);
    await page.locator('#tab-ledger').click();
    const item = page.locator('[data-testid="ledger-table"] .el-table__body tr', { hasText: project.code }).filter({ hasText: UNIT });
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    const itemCells = item.first().locator('td');
    assert.match(await itemCells.nth(0).innerText(), new RegExp(`${project.code}\\s+${project.name}`));
    assert.equal((await itemCells.nth(1).innerText()).trim(), '用地');
    assert.equal((await itemCells.nth(3).innerText()).trim(), UNIT);
    assert.ok(items[0].open && items[0].state === 'accepted', 'the item enters accepted');
    assert.equal((await itemCells.nth(4).innerText()).trim(), ACCEPTED_ZH);
    await assertCleanText(page, assert);
    await shot(page, 'projects-ledger');
  });

  test('三个一批 board: the rates of a demo quarter are the API’s, with numerator/denominator', async () => {
    // the quarter of a project's planned start: its 开工率 has a denominator
    const { projects } = await api('/projects');
    const d = projects.map((p) => p.planned.started).find(Boolean) ?? '';
    assert.ok(d, 'a planned start date in the demo');
    const round = `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
    const rates = await api('/projects/rates', { round, by: 'region' });
    assert.ok(rates.total.started.den > 0, `the demo plans starts in ${round}`);
    await openProjects();
    await page.locator('#tab-board').click();
    await field(page, 'projects-round').fill(round);
    const ratio = (x) => `${x.display}（${x.num ?? 0}/${x.den ?? 0}）`;
    // wait for the asked round (the board opens on the current quarter, with as many rows)
    await page.waitForFunction(
      ([n, total]) => {
        const rows = document.querySelectorAll('[data-testid="projects-board"] .el-table__body tr');
        return rows.length === n && rows[n - 1].innerText.includes(total);
      },
      [rates.groups.length + 1, ratio(rates.total.investment)],
    );
    await settled(page);
    const rows = page.locator('[data-testid="projects-board"] .el-table__body tr');
    const expected = [...rates.groups, rates.total];
    assert.equal(await rows.count(), expected.length);
    for (let i = 0; i < expected.length; i++) {
      const g = expected[i];
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim());
      if (i === expected.length - 1) assert.equal(cells[0], '合计');
      if (g.key === '410100') assert.equal(cells[0], '郑州市');
      assert.equal(Number(cells[1]), g.projects, `row ${i} projects`);
      assert.deepEqual(cells.slice(2, 7), [ratio(g.signed_kept), ratio(g.started), ratio(g.in_production), ratio(g.at_capacity), ratio(g.investment)], `row ${i} (${g.key || 'total'})`);
    }
    // a hand check of the total's 开工率: numerator / denominator, one decimal
    const s = rates.total.started;
    assert.equal(s.display, `${((100 * s.num) / s.den).toFixed(1)}%`);
    await assertCleanText(page, assert);
    await shot(page, 'projects-board');
  });

  test('scope: the 郑州 analyst’s register holds only 郑州 projects, as the API answers', async () => {
    const all = (await api('/projects')).projects;
    assert.ok(all.some((p) => !p.region.startsWith('4101')), 'the province sees projects outside 郑州');
    const mine = await apiAs(await tokenOf('city'), '/projects');
    assert.equal(mine.status, 200);
    const codes = mine.body.projects.map((p) => p.region);
    assert.ok(codes.length > 0, '郑州 has projects in the demo');
    assert.ok(codes.every((c) => c.startsWith('4101')));
    assert.equal(codes.length, all.filter((p) => p.region.startsWith('4101')).length, 'all of 郑州’s projects');

    const city = await contextAs(b.browser, 'city');
    try {
      await openProjects(city.page);
      await city.page.waitForSelector('[data-testid="projects-table"] [data-testid="project-region"]');
      const shown = await city.page.locator('[data-testid="projects-table"] [data-testid="project-region"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-region')));
      assert.equal(shown.length, codes.length);
      for (const c of shown) assert.match(c, /^4101\d\d$/);
      assert.deepEqual([...shown].sort(), [...codes].sort());
      const shownCodes = await city.page.locator('[data-testid="projects-table"] .el-table__body tr td:nth-child(1)').allInnerTexts();
      assert.deepEqual(shownCodes.map((s) => s.trim()).sort(), mine.body.projects.map((p) => p.code).sort());
      await shot(city.page, 'projects-city');
      assert.deepEqual(city.problems, []);
    } finally {
      await city.close();
    }
  });
});
