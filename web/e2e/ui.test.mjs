// End-to-end tests of the web UI in Debian's Chromium against a running `ballast serve`
// (BALLAST_URL). Started by e2e/run.sh, which creates the store and the server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { api, assertCleanText, authHeaders, BASE, byRank, dataRoot, exportNumber, fmtAmount, fmtGrowth, launch, parseCsv, settled, shot } from './lib.mjs';

let b; // browser
let page;
let latest;
let root;

before(async () => {
  const health = await api('/health');
  assert.equal(health.status, 'ok');
  latest = (await api('/periods')).latest;
  assert.ok(latest, 'the store has periods');
  root = await dataRoot(latest);
  b = await launch();
  page = b.page;
});

after(async () => {
  await b?.close();
  if (b?.problems.length) console.log(`browser messages:\n  ${b.problems.join('\n  ')}`);
});

async function open(url) {
  await page.goto(`${BASE}${url}`);
  await page.waitForSelector('[data-testid^="page-"]');
  await settled(page);
}

/** Rows of a virtualised grid as [{code, name, cells:{col:text}}], in display order. */
async function gridRows(testid) {
  return page.evaluate((id) => {
    const grid = document.querySelector(`[data-testid="${id}"]`);
    if (!grid) return [];
    const rows = Array.from(grid.querySelectorAll('.el-table-v2__body .el-table-v2__row'));
    return rows.map((r) => {
      const cells = {};
      for (const c of r.querySelectorAll('.grid-cell[data-col]')) cells[c.getAttribute('data-col')] = c.textContent.trim();
      return cells;
    });
  }, testid);
}

describe('cockpit', () => {
  test('shows the headline figures of the API for the latest period', async () => {
    await open('/cockpit');
    await page.waitForSelector('[data-testid="map"] canvas');
    const crumb = await page.locator('[data-testid="breadcrumb"] .current').getAttribute('data-code');
    assert.equal(crumb, root, 'the cockpit opens on the region with data');
    for (const ind of ['output_value', 'revenue', 'profit', 'electricity']) {
      const s = await api('/series', { indicator: ind, measures: 'value,ytd,yoy,ytd_yoy', from: latest, to: latest, region: root });
      const v = s.points[0].values;
      const card = page.locator(`[data-testid="kpi-${ind}"]`);
      assert.equal(await card.locator('[data-role="ytd"]').textContent(), fmtAmount(v.ytd, 'yi'), `${ind} ytd`);
      assert.equal(await card.locator('[data-role="ytd_yoy"]').textContent(), fmtGrowth(v.ytd_yoy), `${ind} ytd_yoy`);
      assert.equal(await card.locator('[data-role="yoy"]').textContent(), fmtGrowth(v.yoy), `${ind} yoy`);
      assert.equal(await card.locator('[data-role="value"]').textContent(), fmtAmount(v.value, 'yi'), `${ind} value`);
    }
    // the map list holds the children of the root, as the API ranks them
    const t = await api('/table', { indicator: 'output_value', measures: 'ytd_yoy', period: latest, region: root, dim: 'region', sort: 'ytd_yoy' });
    const listed = await page.locator('[data-testid="map-list"] .list-row').count();
    assert.equal(listed, t.rows.length);
    assert.ok(await page.locator('[data-testid="trend-chart"] canvas').count(), 'trend chart drawn');
    assert.ok(await page.locator('[data-testid="region-pulls"] canvas').count(), 'regional pulls drawn');
    assert.ok(await page.locator('[data-testid="industry-pulls"] canvas').count(), 'industry pulls drawn');
    await assertCleanText(page, assert);
    await shot(page, 'cockpit');
  });

  test('the unit switch shows 万元', async () => {
    await page.locator('[data-testid="unit-switch"]').getByText('万元').click();
    await page.waitForURL(/unit=wan/);
    const s = await api('/series', { indicator: 'output_value', measures: 'ytd', from: latest, to: latest, region: root });
    await page.waitForFunction(([txt]) => document.querySelector('[data-testid="kpi-output_value"] [data-role="ytd"]')?.textContent === txt, [fmtAmount(s.points[0].values.ytd, 'wan')]);
    await page.locator('[data-testid="unit-switch"]').getByText('亿元').click();
    await page.waitForURL(/unit=yi/);
  });

  test('drills down by clicking a region on the map', async () => {
    const t = await api('/table', { indicator: 'output_value', measures: 'ytd_yoy', period: latest, region: root, dim: 'region', sort: 'ytd_yoy' });
    const target = byRank(t.rows).find((r) => r.rank !== null) ?? t.rows[0];
    const px = await page.evaluate((code) => window.__ballastMap?.pixelOf(code), target.code);
    assert.ok(px, `the map has a position for ${target.name}`);
    await page.mouse.click(px[0], px[1]);
    await page.waitForURL(new RegExp(`region=${target.code}`));
    await settled(page);
    assert.equal(await page.locator('[data-testid="breadcrumb"] .current').textContent(), target.name);
    const s = await api('/series', { indicator: 'output_value', measures: 'ytd,ytd_yoy', from: latest, to: latest, region: target.code });
    assert.equal(await page.locator('[data-testid="kpi-output_value"] [data-role="ytd"]').textContent(), fmtAmount(s.points[0].values.ytd, 'yi'));
    assert.equal(await page.locator('[data-testid="kpi-output_value"] [data-role="ytd_yoy"]').textContent(), fmtGrowth(s.points[0].values.ytd_yoy));
    // the sub-regions of the selected region are listed in the regional pull chart or its empty state
    await assertCleanText(page, assert);
    await shot(page, 'cockpit-drill');
    // and back up through the breadcrumb
    await page.locator(`[data-testid="breadcrumb"] [data-code="${root}"]`).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('region') === root);
    await settled(page);
  });

  test('the URL reproduces the view', async () => {
    await open(`/cockpit?region=${root}&indicator=revenue&measure=yoy&period=${latest}&unit=wan`);
    const title = await page.locator('[data-testid="page-cockpit"] .map-panel .panel-title').textContent();
    assert.match(title, /营业收入/);
    const t = await api('/table', { indicator: 'revenue', measures: 'yoy', period: latest, region: root, dim: 'region', sort: 'yoy' });
    const first = byRank(t.rows)[0];
    const row = page.locator('[data-testid="map-list"] .list-row').first();
    assert.equal(await row.getAttribute('data-code'), first.code, 'the map list is ranked by revenue growth');
    assert.equal((await row.locator('.num').textContent()).trim(), fmtGrowth(first.values.yoy));
    const s = await api('/series', { indicator: 'revenue', measures: 'ytd', from: latest, to: latest, region: root });
    assert.equal(await page.locator('[data-testid="kpi-revenue"] [data-role="ytd"]').textContent(), fmtAmount(s.points[0].values.ytd, 'wan'), 'the unit comes from the URL');
  });
});

describe('explorer', () => {
  const measures = ['value', 'yoy', 'ytd_yoy', 'contrib_pp'];
  let url;

  test('the table shows the children of the node as the API ranks them', async () => {
    url = `/explorer?indicator=output_value&measures=${measures.join(',')}&period=${latest}&region=${root}&dim=region&unit=yi`;
    await open(url);
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    const t = await api('/table', { indicator: 'output_value', measures: measures.join(','), period: latest, region: root, dim: 'region' });
    const rows = await gridRows('explorer-table');
    const expected = byRank(t.rows);
    assert.equal(rows.length, expected.length, 'one row per child');
    rows.forEach((r, k) => {
      assert.equal(r.name, expected[k].name, `row ${k} name`);
      assert.equal(r.rank, expected[k].rank === null ? '—' : String(expected[k].rank));
      assert.equal(r.yoy, fmtGrowth(expected[k].values.yoy), `${r.name} yoy`);
    });
    assert.ok(await page.locator('[data-testid="explorer-chart"] canvas').count(), 'chart drawn');
    await assertCleanText(page, assert);
    await shot(page, 'explorer');
  });

  test('exports a CSV equal to the table and the API', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv"]').click()]);
    assert.match(dl.suggestedFilename(), /\.csv$/);
    const file = path.join(os.tmpdir(), `ballast-e2e-${process.pid}.csv`);
    await dl.saveAs(file);
    const csv = parseCsv(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file, { force: true });
    const t = await api('/table', { indicator: 'output_value', measures: measures.join(','), period: latest, region: root, dim: 'region' });
    const [head, parentRow, ...body] = csv;
    assert.equal(head.length, 3 + measures.length + 1, 'rank, code, name, measures, n');
    assert.equal(parentRow[1], t.parent.code ?? t.parent.region?.code, 'the first line is the parent (total)');
    const expected = byRank(t.rows);
    assert.equal(body.length, expected.length);
    body.forEach((line, k) => {
      const e = expected[k];
      assert.equal(line[1], e.code);
      assert.equal(line[2], e.name);
      measures.forEach((m, j) => assert.equal(line[3 + j], String(exportNumber(m, e.values[m], 'yi')), `${e.name} ${m}`));
      assert.equal(line[3 + measures.length], String(e.n ?? '—'));
    });
  });

  test('exports an XLSX file', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-xlsx"]').click()]);
    assert.match(dl.suggestedFilename(), /\.xlsx$/);
    const file = path.join(os.tmpdir(), `ballast-e2e-${process.pid}.xlsx`);
    await dl.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip (xlsx) file');
    const zip = unzipSync(new Uint8Array(bytes));
    const sheet = Object.keys(zip).find((k) => /^xl\/worksheets\/sheet1\.xml$/.test(k));
    assert.ok(sheet, 'the workbook has a sheet');
    const xml = strFromU8(zip[sheet]);
    const strings = zip['xl/sharedStrings.xml'] ? strFromU8(zip['xl/sharedStrings.xml']) : '';
    const t = await api('/table', { indicator: 'output_value', measures: measures.join(','), period: latest, region: root, dim: 'region' });
    assert.equal((xml.match(/<row[ >]/g) ?? []).length, 2 + t.rows.length, 'header, total and one row per child');
    const first = byRank(t.rows)[0];
    assert.ok((xml + strings).includes(first.name), 'names are in the workbook');
    assert.ok(xml.includes(`<v>${exportNumber('value', first.values.value, 'yi')}</v>`), 'values are numbers, as displayed');
  });

  test('sorting by a column ranks by that measure', async () => {
    await page.locator('[data-testid="explorer-table"] .el-table-v2__header-cell', { has: page.locator('[data-col="yoy"]') }).click();
    await page.waitForURL(/sort=yoy/);
    await settled(page);
    const t = await api('/table', { indicator: 'output_value', measures: measures.join(','), period: latest, region: root, dim: 'region', sort: 'yoy', order: 'desc' });
    const rows = await gridRows('explorer-table');
    assert.equal(rows[0].name, byRank(t.rows)[0].name);
    assert.equal(rows[0].rank, '1');
  });

  test('drills into a region, then to an enterprise and its base-period values', async () => {
    await page.locator('[data-testid="explorer-table"] [data-testid="drill-link"]').first().click();
    await page.waitForURL((u) => new URL(u).searchParams.get('region') !== root);
    await settled(page);
    const region = new URL(page.url()).searchParams.get('region');
    const t = await api('/table', { indicator: 'output_value', measures: measures.join(','), period: latest, region, dim: 'region' });
    assert.equal((await gridRows('explorer-table')).length, t.rows.length);
    // enterprises of that region
    await page.locator('[data-testid="explorer-dim"]').getByText('按企业').click();
    await page.waitForURL(/dim=enterprise/);
    await settled(page);
    const te = await api('/table', { indicator: 'output_value', measures: measures.join(','), period: latest, region, dim: 'enterprise' });
    assert.ok(te.rows.length > 0, 'the region has enterprises');
    const count = await page.locator('[data-testid="row-count"]').textContent();
    assert.match(count, new RegExp(`${te.rows.length}`));
    const link = page.locator('[data-testid="enterprise-link"]').first();
    const name = (await link.textContent()).trim();
    await link.click();
    await page.waitForURL(/\/enterprises\//);
    await settled(page);
    const uscc = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    const e = await api(`/enterprises/${encodeURIComponent(uscc)}`);
    assert.equal(e.name, name);
    assert.equal((await page.locator('[data-testid="enterprise-name"]').textContent()).trim(), e.name);
    assert.equal((await page.locator('[data-testid="enterprise-uscc"]').textContent()).trim(), uscc);
    const s = await api(`/enterprises/${encodeURIComponent(uscc)}/series`, { indicator: 'output_value' });
    const last = [...s.points].sort((a, b) => b.period.localeCompare(a.period))[0];
    const firstRow = page.locator('[data-testid="enterprise-table"] .el-table__body tr').first();
    assert.equal((await firstRow.locator('[data-role="value"]').textContent()).trim(), fmtAmount(last.value, 'yi'));
    assert.equal((await firstRow.locator('[data-role="base"]').textContent()).trim(), fmtAmount(last.base, 'yi'));
    assert.ok(await page.locator('[data-testid="enterprise-chart"] canvas').count());
    await assertCleanText(page, assert);
    await shot(page, 'enterprise');
  });

  test('a large table (all enterprises) stays responsive', async () => {
    const t0 = Date.now();
    await open(`/explorer?indicator=output_value&measures=value,yoy&period=${latest}&region=${root}&dim=enterprise`);
    await page.waitForSelector('[data-testid="explorer-table"] .el-table-v2__row');
    const loadMs = Date.now() - t0;
    const te = await api('/table', { indicator: 'output_value', measures: 'value,yoy', period: latest, region: root, dim: 'enterprise' });
    assert.match(await page.locator('[data-testid="row-count"]').textContent(), new RegExp(`${te.rows.length}`));
    const domRows = await page.locator('[data-testid="explorer-table"] .el-table-v2__row').count();
    assert.ok(domRows < 120, `virtualised: ${domRows} rows in the DOM for ${te.rows.length}`);
    // scroll to the end: the last row appears quickly
    const t1 = Date.now();
    const box = await page.locator('[data-testid="explorer-table"] .el-table-v2__body').first().boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 36 * te.rows.length + 1000);
    const lastName = byRank(te.rows).at(-1).name;
    await page.waitForFunction((n) => Array.from(document.querySelectorAll('[data-testid="explorer-table"] .grid-cell[data-col="name"]')).some((c) => c.textContent.trim() === n), lastName, { timeout: 5000 });
    const scrollMs = Date.now() - t1;
    console.log(`# large table: ${te.rows.length} rows, first paint ${loadMs} ms, scroll to end ${scrollMs} ms`);
    assert.ok(loadMs < 15_000 && scrollMs < 3_000);
  });

  test('shows API errors instead of swallowing them', async () => {
    await open(`/explorer?indicator=no_such_indicator&measures=value&period=${latest}&region=${root}&dim=region`);
    const err = page.locator('[data-testid="error"]');
    await err.first().waitFor();
    const text = await err.first().textContent();
    const res = await fetch(`${BASE}/api/v1/table?indicator=no_such_indicator&measures=value&period=${latest}&region=${root}&dim=region&sort=value&order=desc`, { headers: await authHeaders() });
    const body = await res.json();
    assert.ok(res.status >= 400 && res.status < 500, 'the API refuses an unknown indicator');
    assert.ok(text.includes(`HTTP ${res.status}`), `the status is shown: ${text}`);
    assert.ok(text.includes(body.error.code), `the error code is shown: ${text}`);
    // the Chinese UI says it in Chinese; the server's own (English) message is the tooltip
    assert.equal(await page.locator('[data-testid="error-message"]').first().getAttribute('title'), body.error.message, 'the server message is kept');
    assert.doesNotMatch(await page.locator('[data-testid="error-message"]').first().textContent(), /[A-Za-z]{3,}/, 'no English in the Chinese UI');
  });
});

describe('rankings', () => {
  test('ranks the regions with the change in rank', async () => {
    await open(`/rankings?indicator=output_value&measure=ytd_yoy&period=${latest}&region=${root}`);
    await page.waitForSelector('[data-testid="rankings-table"] .el-table__body tr');
    const r = await api('/rankings', { indicator: 'output_value', measure: 'ytd_yoy', period: latest, region: root });
    const expected = byRank(r.rows);
    const rows = page.locator('[data-testid="rankings-table"] .el-table__body tr');
    assert.equal(await rows.count(), expected.length);
    for (let k = 0; k < Math.min(5, expected.length); k++) {
      const cells = rows.nth(k).locator('td');
      const e = expected[k];
      assert.equal((await cells.nth(0).textContent()).trim(), e.rank === null ? '—' : String(e.rank));
      assert.equal((await cells.nth(1).textContent()).trim(), e.name);
      assert.equal((await cells.nth(2).textContent()).trim(), fmtGrowth(e.value));
      const change = (await cells.nth(4).textContent()).trim();
      const want = e.rank_change === null || e.rank_change === undefined ? '—' : e.rank_change > 0 ? `↑${e.rank_change}` : e.rank_change < 0 ? `↓${-e.rank_change}` : '–';
      assert.equal(change, want, `${e.name} rank change`);
    }
    assert.ok(await page.locator('[data-testid="rankings-chart"] canvas').count());
    await assertCleanText(page, assert);
    await shot(page, 'rankings');
  });
});

describe('imports', () => {
  test('a file with errors shows every error with its line and column', async () => {
    const file = path.join(os.tmpdir(), `ballast-bad-${process.pid}.csv`);
    fs.writeFileSync(
      file,
      [
        'uscc,period,indicator,value,ytd,prior,prior_ytd',
        'NOT-A-CODE,2026-10,output_value,100,,,',
        '91410100MA0000000X,2026-13,output_value,100,,,',
        '91410100MA0000000X,2026-10,no_such_indicator,abc,,,',
      ].join('\n') + '\n',
    );
    const before = await api('/imports');
    await open('/imports');
    await page.locator('[data-testid="upload"] input[type="file"]').setInputFiles(file);
    await page.locator('[data-testid="import-status"]').waitFor();
    await page.waitForSelector('[data-testid="error-table"] .el-table-v2__row');
    // the same file through the API: the UI must show exactly its report
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
    const res = await fetch(`${BASE}/api/v1/imports`, { method: 'POST', body: form, headers: await authHeaders() });
    assert.equal(res.status, 422);
    const report = (await res.json()).error.details.report;
    const errors = report.errors;
    fs.rmSync(file, { force: true });
    assert.ok(errors.length >= 3, 'at least one error per bad line');
    assert.match(await page.locator('[data-testid="error-count"]').textContent(), new RegExp(`\\b${report.error_count ?? errors.length}\\b`));
    const rows = await gridRows('error-table');
    assert.equal(rows.length, errors.length, 'every error is listed');
    // the server's column and message are kept as data-raw (and tooltip); the cells say them in Chinese
    const raw = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="error-table"] .el-table-v2__body .el-table-v2__row')).map((r) => ({
        column: r.querySelector('.grid-cell[data-col="column"] [data-raw]')?.getAttribute('data-raw') ?? '—',
        message: r.querySelector('.grid-cell[data-col="message"] [data-raw]')?.getAttribute('data-raw') ?? '',
      })),
    );
    rows.forEach((r, k) => {
      const e = errors[k];
      assert.equal(r.line, String(e.line), `error ${k} line`);
      assert.equal(raw[k].column, e.column ? String(e.column) : '—', `error ${k} column`);
      assert.equal(raw[k].message, e.message, `error ${k} message`);
    });
    assert.ok(rows.some((r) => r.column === '报告期') && rows.some((r) => r.column === '指标'), 'the bad period and the unknown indicator are reported in their columns, named in Chinese');
    const english = rows.filter((r) => /\b(is|not|unknown|the|column|period)\b/.test(r.message));
    assert.deepEqual(english, [], 'no English import errors in the Chinese UI');
    assert.deepEqual(new Set(rows.map((r) => r.line)), new Set(['2', '3', '4']));
    // nothing was imported, and the history shows the batches of the store
    const afterList = await api('/imports');
    assert.equal(afterList.batches.length, before.batches.length);
    assert.equal(await page.locator('[data-testid="batch-table"] .el-table__body tr').count(), afterList.batches.length);
    await assertCleanText(page, assert);
    await shot(page, 'imports');
  });
});

describe('language', () => {
  test('the English switch translates the interface', async () => {
    await open(`/cockpit?region=${root}`);
    await page.locator('[data-testid="lang-switch"]').getByText('EN').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-cockpit"]')?.textContent.includes('Cockpit'));
    await settled(page);
    const text = await assertCleanText(page, assert);
    assert.match(text, /Explorer/);
    assert.match(text, /Rankings/);
    await shot(page, 'cockpit-en');
    await page.locator('[data-testid="lang-switch"]').getByText('中文').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-cockpit"]')?.textContent.includes('驾驶舱'));
  });
});
