// The monthly bulletin (通报) end to end (issue #12 item 9): downloaded from the 通报 page for the
// demo province, its XLSX workbook read back, and its headline, a production ranking row, an
// investment ranking row and the industry group rows checked against what the API answers for
// the same period and region (GET /api/v1/cell, /api/v1/rankings), to one decimal. A bulletin is a
// publication, so the API is asked as the province's viewer (published figures); the PDF text
// (pdftotext, from poppler-utils) must carry the same headline figure.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { api, apiAs, BASE, launch, readXlsx, round, settled, shot, tokenOf } from './lib.mjs';

const REGION = '410000';
let b;
let period;
let viewer;
let workbook; // sheet name → rows of cell values (strings or numbers)

/** The API as the province's viewer: the published figures a bulletin prints. */
async function published(pathname, params) {
  const { status, body } = await apiAs(viewer, pathname, { region: REGION, period, ...params });
  assert.equal(status, 200, `${pathname} ${JSON.stringify(params)}: ${JSON.stringify(body)}`);
  return body;
}

/** The row of a sheet whose first cell is `label`. */
function rowOf(sheet, label) {
  const rows = workbook[sheet];
  assert.ok(rows, `the workbook has a sheet ${sheet} (${Object.keys(workbook).join(', ')})`);
  const row = rows.find((r) => r[0] === label);
  assert.ok(row, `sheet ${sheet} has a row ${label}`);
  return row;
}

/** A figure of the workbook against the API's, both to one decimal. */
function sameFigure(got, want, what) {
  assert.equal(typeof want, 'number', `${what}: the API has a figure`);
  assert.equal(typeof got, 'number', `${what}: the bulletin has a figure (got ${got})`);
  assert.equal(round(got, 1), round(want, 1), what);
}

before(async () => {
  // The period every view opens on; January has no bulletin of its own (1—2月).
  period = (await api('/periods')).latest;
  assert.ok(period, 'the store has periods');
  if (period.endsWith('-01')) period = `${Number(period.slice(0, 4)) - 1}-12`;
  viewer = await tokenOf('viewer');
  b = await launch();
});

after(async () => {
  await b?.close();
  if (b?.problems.length) console.log(`browser messages:\n  ${b.problems.join('\n  ')}`);
});

describe('bulletin', () => {
  test('the 通报 page downloads the workbook of the period and region', async () => {
    const { page } = b;
    await page.goto(`${BASE}/bulletin?region=${REGION}&period=${period}`);
    await page.waitForSelector('[data-testid="page-bulletin"]');
    await settled(page);
    await shot(page, 'bulletin');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="bulletin-xlsx"]').click()]);
    assert.equal(dl.suggestedFilename(), `bulletin-${REGION}-${period}.xlsx`);
    const file = path.join(os.tmpdir(), `ballast-e2e-bulletin-${process.pid}.xlsx`);
    await dl.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip (xlsx) file');
    workbook = readXlsx(bytes);
  });

  test('the headline is the cell of value_added at comparable prices', async () => {
    assert.ok(workbook, 'downloaded');
    const month = Number(period.slice(5));
    const cell = await published('/cell', { indicator: 'value_added', measures: 'yoy_real,ytd_yoy_real' });
    // The headline table is on the summary sheet: label, the region's figure, ….
    sameFigure(rowOf('概要', `1—${month}月累计`)[1], cell.values.ytd_yoy_real, '1—N月 value added growth');
    if (month > 2) sameFigure(rowOf('概要', `${month}月当月`)[1], cell.values.yoy_real, 'the month');
  });

  test('the production ranking is the API ranking', async () => {
    assert.ok(workbook, 'downloaded');
    const ranking = await published('/rankings', { indicator: 'value_added', measure: 'ytd_yoy_real' });
    const ranked = ranking.rows.filter((r) => r.rank != null && !r.suppressed);
    assert.ok(ranked.length >= 5, 'the demo province ranks its cities');
    for (const r of [ranked[0], ranked[ranked.length - 1]]) {
      const row = rowOf('生产', r.name);
      sameFigure(row[1], r.value, `${r.name} 1—N月`);
      assert.equal(row[2], r.rank, `${r.name} 位次`);
    }
  });

  test('the investment ranking is the imported region series', async () => {
    assert.ok(workbook, 'downloaded');
    const ranking = await published('/rankings', { indicator: 'industrial_investment', measure: 'ytd_yoy' });
    const ranked = ranking.rows.filter((r) => r.rank != null);
    assert.ok(ranked.length >= 5, 'the demo imports investment for the cities');
    const row = rowOf('投资', ranked[0].name);
    sameFigure(row[1], ranked[0].value, `${ranked[0].name} 工业投资`);
    assert.equal(row[2], 1, 'first place');
  });

  test('the group rows are the cells of @hightech, @equipment and @energy6', async () => {
    assert.ok(workbook, 'downloaded');
    let compared = 0;
    for (const group of ['@hightech', '@equipment', '@energy6']) {
      const cell = await published('/cell', { indicator: 'value_added', measures: 'ytd_yoy_real', industry: group });
      const row = rowOf('重点行业', cell.industry.name);
      if (cell.suppressed) {
        assert.equal(row[1], '…', `${group} withheld`);
        continue;
      }
      sameFigure(row[1], cell.values.ytd_yoy_real, group);
      ++compared;
    }
    assert.ok(compared >= 2, 'the province publishes its groups');
  });

  test('the PDF carries the same headline figure', async () => {
    const res = await fetch(`${BASE}/api/v1/bulletin?region=${REGION}&period=${period}&format=pdf`, { headers: { authorization: `Bearer ${viewer}` } });
    assert.equal(res.status, 200);
    const file = path.join(os.tmpdir(), `ballast-e2e-bulletin-${process.pid}.pdf`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    let text;
    try {
      text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } finally {
      fs.rmSync(file, { force: true });
    }
    const cell = await published('/cell', { indicator: 'value_added', measure: 'ytd_yoy_real' });
    const v = round(Math.abs(cell.value), 1).toFixed(1);
    assert.ok(text.includes(`${v}%`), `the summary states ${v}% (1—N月)`);
  });
});
