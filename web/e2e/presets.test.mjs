// Issue 12 item 6 (the analyst's UI points): the period presets of the shared picker, 位次 kept
// when a sort is reversed, and the enterprise search box. Started by e2e/run.sh.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, assertCleanText, BASE, byRank, dataRoot, fmtGrowth, launch, settled, shot } from './lib.mjs';

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

/** The labels of the picker's options (presets first, then months). */
async function periodOptions() {
  await page.locator('[data-testid="period-select"]').click();
  await page.waitForSelector('.el-select-dropdown__item[data-testid^="period-"]');
  return page.evaluate(() => Array.from(document.querySelectorAll('.el-select-dropdown__item[data-testid^="period-"]')).map((li) => ({ id: li.getAttribute('data-testid'), text: li.textContent.trim() })));
}

describe('period presets', () => {
  test('offer 1–2月, quarters, 上半年 and 1–N月, and no January alone for a flow indicator', async () => {
    await open(`/rankings?indicator=output_value&measure=yoy&period=${latest}&region=${root}`);
    const opts = await periodOptions();
    const year = latest.slice(0, 4);
    const presets = opts.filter((o) => o.id.endsWith(':ytd'));
    const months = opts.filter((o) => !o.id.endsWith(':ytd'));
    assert.ok(presets.length > 0, 'cumulative presets are offered');
    assert.ok(opts.some((o) => o.text === `${year}年1-2月`), `1-2月 of ${year}`);
    const prevYear = String(Number(year) - 1);
    for (const name of ['一季度', '上半年', '前三季度']) assert.ok(opts.some((o) => o.text === `${prevYear}年${name}`), `${prevYear}年${name} is offered`);
    assert.ok(!months.some((o) => o.id === `period-${year}-01`), 'January alone is not offered for output value');
    // pick the 上半年 of the previous year: the ranking follows the cumulative growth (ytd_yoy)
    const h1 = `${prevYear}-06`;
    await page.locator(`.el-select-dropdown__item[data-testid="period-${h1}:ytd"]`).click();
    await page.waitForURL(/basis=ytd/);
    await settled(page);
    assert.match(page.url(), new RegExp(`period=${h1}`));
    assert.match(await page.locator('.panel-hint').first().textContent(), new RegExp(`${prevYear}年上半年`));
    const r = await api('/rankings', { indicator: 'output_value', measure: 'ytd_yoy', period: h1, region: root });
    const expected = byRank(r.rows);
    const cells = page.locator('[data-testid="rankings-table"] .el-table__body tr').first().locator('td');
    assert.equal((await cells.nth(1).textContent()).trim(), expected[0].name);
    assert.equal((await cells.nth(2).textContent()).trim(), fmtGrowth(expected[0].value), 'the cumulative growth of 1-6月');
    await assertCleanText(page, assert);
    await shot(page, 'period-presets');
  });
});

describe('single quarters', () => {
  test('二季度 ranks by the quarter’s growth and names the quarter', async () => {
    await open(`/rankings?indicator=output_value&measure=yoy&period=${latest}&region=${root}`);
    const opts = await periodOptions();
    const prevYear = String(Number(latest.slice(0, 4)) - 1);
    for (const name of ['二季度', '三季度', '四季度', '下半年']) assert.ok(opts.some((o) => o.text === `${prevYear}年${name}`), `${prevYear}年${name} is offered`);
    const q2 = `${prevYear}-06`;
    await page.locator(`.el-select-dropdown__item[data-testid="period-${q2}:quarter"]`).click();
    await page.waitForURL(/basis=quarter/);
    await settled(page);
    assert.match(await page.locator('.panel-hint').first().textContent(), new RegExp(`${prevYear}年二季度`));
    const r = await api('/rankings', { indicator: 'output_value', measure: 'quarter_yoy', period: q2, region: root });
    const expected = byRank(r.rows);
    assert.ok(expected[0].value !== null, 'the API has a quarter growth');
    const cells = page.locator('[data-testid="rankings-table"] .el-table__body tr').first().locator('td');
    assert.equal((await cells.nth(1).textContent()).trim(), expected[0].name);
    assert.equal((await cells.nth(2).textContent()).trim(), fmtGrowth(expected[0].value), 'the growth of April–June');
    await assertCleanText(page, assert);
  });
});

describe('rank on a reversed sort', () => {
  test('reversing the order keeps each row’s 位次', async () => {
    const measures = 'value,yoy';
    await open(`/explorer?indicator=output_value&measures=${measures}&period=${latest}&region=${root}&dim=region&sort=yoy&order=asc`);
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    const t = await api('/table', { indicator: 'output_value', measures, period: latest, region: root, dim: 'region', sort: 'yoy' });
    const ranked = byRank(t.rows).filter((r) => r.rank !== null);
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="explorer-table"] .el-table-v2__body .el-table-v2__row')).map((r) => ({
        rank: r.querySelector('.grid-cell[data-col="rank"]')?.textContent.trim(),
        name: r.querySelector('.grid-cell[data-col="name"]')?.textContent.trim(),
      })),
    );
    const defined = rows.filter((r) => r.rank !== '—');
    assert.equal(defined.length, ranked.length);
    // the smallest growth first, with its rank by the measure (the largest number), not 1
    const worst = ranked[ranked.length - 1];
    assert.equal(defined[0].name, worst.name);
    assert.equal(defined[0].rank, String(worst.rank));
    assert.equal(defined[defined.length - 1].rank, '1');
    for (const r of defined) assert.equal(r.rank, String(ranked.find((x) => x.name === r.name).rank), `${r.name} keeps its rank`);
  });
});

describe('enterprise search', () => {
  test('finds an enterprise by part of its name and opens its page', async () => {
    const ents = await api('/table', { indicator: 'output_value', measures: 'value', period: latest, region: root, dim: 'enterprise' });
    const target = ents.rows[0];
    const part = [...target.name].slice(0, 4).join('');
    const hits = await api('/enterprises', { q: part });
    assert.ok(hits.enterprises.some((e) => e.uscc === target.code), 'the API finds it');
    await open(`/cockpit?period=${latest}`);
    const box = page.locator('[data-testid="enterprise-search"] input');
    await box.click();
    await box.fill(part);
    await page.locator(`[data-testid="search-hit-${target.code}"]`).click();
    await page.waitForURL(new RegExp(`/enterprises/${target.code}`));
    await page.waitForSelector('[data-testid="page-enterprise"]');
    await settled(page);
    assert.ok((await page.textContent('body')).includes(target.name), 'the enterprise page shows it');
    // by USCC too
    const byCode = await api('/enterprises', { q: target.code.slice(0, 10).toLowerCase() });
    assert.ok(byCode.enterprises.some((e) => e.uscc === target.code));
  });
});
