// End-to-end tests of 预警中心 (/warnings) and 目标看板 (/targets) against the API of the same
// server (docs/api.md, "Warnings and policy targets"), as the province analyst. run.sh evaluates
// the rules (`ballast warn`) after `ballast demo`, so alerts exist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, assertCleanText, authHeaders, BASE, launch, settled, shot, USER } from './lib.mjs';

let b;
/** The metric's kind: the catalog's object or the kind alone. */
const metricKind = (t) => (typeof t.metric === 'string' ? t.metric : (t.metric?.kind ?? 'reported'));
let page;
const PAGE_SIZE = 50; // the warnings table's page size
const LEVELS = ['red', 'orange', 'yellow', 'blue'];

before(async () => {
  const health = await api('/health');
  assert.equal(health.status, 'ok');
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

/** POST as the province analyst with the bearer token (no CSRF needed): {status, body}. */
async function apiPost(pathname, body) {
  const res = await fetch(`${BASE}/api/v1${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await authHeaders()) }, body: JSON.stringify(body) });
  let json = null;
  try {
    json = await res.json();
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: json };
}

/** No NaN / undefined / raw dictionary keys, also of the new sections. */
async function clean(page) {
  const text = await assertCleanText(page, assert);
  assert.doesNotMatch(text, /\b(warnings|targets)\.[a-z][A-Za-z]+\b/, 'no untranslated keys');
  return text;
}

/** The rows of the episodes table on the current page: [{id, level, state, months, link}]. */
async function episodeRows() {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="episodes-table"] > .el-table__inner-wrapper .el-table__body > tbody > tr.el-table__row')).map((tr) => ({
      id: tr.querySelector('[data-role="subject"]')?.getAttribute('data-id'),
      level: tr.querySelector('[data-role="level"]')?.getAttribute('data-level'),
      state: tr.querySelector('[data-role="state"]')?.getAttribute('data-state'),
      months: tr.querySelector('[data-role="months"]')?.textContent.trim(),
      link: tr.querySelector('[data-role="subject-link"]')?.getAttribute('href') ?? null,
    })),
  );
}

/** The text field of an Element Plus input (the testid lands on the native element or its wrapper). */
function field(testid) {
  return page.locator(`:is(input, textarea)[data-testid="${testid}"], [data-testid="${testid}"] :is(input, textarea)`).first();
}

async function levelCounts() {
  return page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('[data-testid="level-counts"] [data-level]')).map((e) => [e.getAttribute('data-level'), Number(e.getAttribute('data-count'))])));
}

describe('warnings', () => {
  const MIN_SCORE = 20; // the page's default list (docs/warnings.md, "Volume")
  let all; // GET /episodes as the page asks it (no filters)
  before(async () => {
    all = await api('/episodes', { min_score: MIN_SCORE, limit: PAGE_SIZE });
  });

  test('the episodes and the level counts equal GET /episodes', async () => {
    assert.ok(all.matched > 0, 'the store has episodes (ballast warn ran)');
    await open('/warnings');
    await page.waitForSelector('[data-testid="episodes-table"] tr.el-table__row');
    const counts = await levelCounts();
    for (const l of LEVELS) assert.equal(counts[l], all.counts.by_level[l] ?? 0, `count of ${l}`);
    const rows = await episodeRows();
    assert.equal(rows.length, all.episodes.length, 'rows on the first page');
    rows.forEach((r, i) => {
      const e = all.episodes[i];
      assert.equal(r.id, e.id, `row ${i}: the API's order (most important first)`);
      assert.equal(r.level, e.level, `row ${i} level`);
      assert.equal(r.state, e.state, `row ${i} state`);
      assert.match(r.months, new RegExp(`已连续${e.months}个月`), `row ${i}: months as an integer`);
      if (e.subject_kind === 'region') assert.equal(r.link, `/cockpit?region=${e.subject_key}`, 'region subjects link to the cockpit');
    });
    assert.match(await page.locator('[data-testid="alerts-total"]').textContent(), new RegExp(`${all.matched}`));
    // the sidebar badge: firing red episodes of the default list, as GET /episodes/count counts them
    const c = await api('/episodes/count', { min_score: MIN_SCORE });
    const badge = page.locator('[data-testid="nav-red-badge"]');
    if ((c.counts.by_level.red ?? 0) > 0) assert.equal((await badge.textContent()).trim(), c.counts.by_level.red > 99 ? '99+' : String(c.counts.by_level.red));
    else assert.equal(await badge.count(), 0);
    await page.waitForSelector('[data-testid="judgement-panel"]');
    await clean(page);
    await shot(page, 'warnings');
  });

  test('acknowledging an alert with a note shows in the API with the event (actor e2e)', async () => {
    const hits = all.episodes.flatMap((e) => e.hits);
    const target = hits.find((a) => a.handling === 'open' && a.state === 'firing') ?? hits.find((a) => a.handling === 'open');
    assert.ok(target, 'an open alert');
    await open(`/warnings?alert=${target.id}`);
    const drawer = page.locator('[data-testid="alert-detail"]');
    await drawer.waitFor();
    assert.equal(await drawer.getAttribute('data-id'), String(target.id));
    // only the legal steps of an open alert are enabled: acknowledge, preselected
    assert.ok(await page.locator('[data-testid="step-acknowledge"] input').isChecked(), 'acknowledge preselected');
    assert.ok(await page.locator('[data-testid="step-handle"] input').isDisabled(), 'handle is not a step from open');
    const note = `e2e 已确认 ${Date.now()}`;
    await field('step-note').fill(note);
    await page.locator('[data-testid="step-submit"]').click();
    await page.waitForSelector('[data-testid="drawer-handling"][data-handling="acknowledged"]');
    const d = await api(`/alerts/${target.id}`);
    assert.equal(d.alert.handling, 'acknowledged');
    const ev = d.events.find((e) => e.action === 'acknowledge');
    assert.ok(ev, 'an acknowledge event');
    assert.equal(ev.actor, USER);
    assert.ok(String(ev.detail ?? '').includes(note) || d.alert.note === note, 'the note is kept');
    // the drawer's history shows it, with who
    await page.waitForSelector(`[data-testid="alert-events"] [data-action="acknowledge"]`);
    const actors = await page.locator('[data-testid="alert-events"] [data-role="actor"]').allTextContents();
    assert.ok(actors.includes(USER), 'the history names the actor');
    await clean(page);
    await shot(page, 'warnings-drawer');
    await page.keyboard.press('Escape');
  });

  test('an illegal step is refused by the server (409) and its message shown', async () => {
    const fresh = await api('/alerts', { handling: 'open', limit: 1000 });
    const a = fresh.alerts.find((x) => x.state === 'firing') ?? fresh.alerts[0];
    assert.ok(a, 'another open alert');
    await open(`/warnings?alert=${a.id}`);
    await page.locator('[data-testid="alert-detail"]').waitFor();
    // someone else acknowledges it meanwhile; the drawer still offers 确认
    const r = await apiPost(`/alerts/${a.id}/acknowledge`, { note: 'e2e: acknowledged elsewhere' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await page.locator('[data-testid="step-submit"]').click();
    const err = page.locator('[data-testid="step-error"]');
    await err.waitFor();
    const again = await apiPost(`/alerts/${a.id}/acknowledge`, {});
    assert.equal(again.status, 409, 'the API refuses a second acknowledge');
    const text = await err.textContent();
    assert.match(text, /409/);
    assert.ok(text.includes(again.body.error.message), `the server's message is shown: ${again.body.error.message}`);
    await page.keyboard.press('Escape');
  });

  test('a level filter in the URL shows only that level, as the API lists it', async () => {
    const level = LEVELS.find((l) => (all.counts.by_level[l] ?? 0) > 0);
    const want = await api('/episodes', { level, min_score: MIN_SCORE, limit: PAGE_SIZE });
    await open(`/warnings?level=${level}`);
    await page.waitForSelector('[data-testid="episodes-table"] tr.el-table__row');
    const rows = await episodeRows();
    assert.equal(rows.length, want.episodes.length);
    assert.ok(rows.every((r) => r.level === level), `only ${level}`);
    assert.deepEqual(
      rows.map((r) => r.id),
      want.episodes.map((e) => e.id),
    );
    assert.ok(await page.locator(`[data-testid="count-${level}"].active`).count(), 'the level badge is marked');
    await page.locator('[data-testid="lang-switch"]').getByText('EN').click();
    await page.waitForSelector('[data-testid="episodes-table"] tr.el-table__row');
    await clean(page);
    await page.locator('[data-testid="lang-switch"]').getByText('中文').click();
  });
});

describe('targets', () => {
  async function targetRows() {
    return page.evaluate(() => Array.from(document.querySelectorAll('[data-role="target-row"]')).map((e) => ({ id: e.getAttribute('data-id'), status: e.getAttribute('data-status') })));
  }

  test('one row per target with the status of GET /targets', async () => {
    const want = await api('/targets');
    assert.ok(want.targets.length > 0);
    await open('/targets');
    await page.waitForSelector('[data-role="target-row"]');
    const rows = await targetRows();
    assert.equal(rows.length, want.targets.length, 'a row per target');
    const status = new Map(want.targets.map((t) => [t.id, t.status]));
    for (const r of rows) assert.equal(r.status, status.get(r.id), `status of ${r.id}`);
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(status.keys()));
    // qualitative targets carry the 定性 tag, the others a progress bar
    const q = want.targets.filter((t) => t.qualitative).length;
    assert.equal(await page.locator('[data-role="qualitative"]').count(), q);
    await clean(page);
    await shot(page, 'targets');
  });

  test('a status filter in the URL lists what the API lists', async () => {
    const want = await api('/targets', { document: 'henan_2022' });
    const st = want.targets.find((t) => !t.qualitative)?.status ?? 'no_data';
    const f = await api('/targets', { document: 'henan_2022', status: st });
    await open(`/targets?document=henan_2022&status=${st}`);
    await page.waitForSelector('[data-role="target-row"]');
    const rows = await targetRows();
    assert.deepEqual(
      rows.map((r) => r.id),
      f.targets.map((t) => t.id),
    );
    assert.ok(rows.every((r) => r.status === st));
  });

  test('reporting progress on a henan_2022 target updates its status and latest report', async () => {
    const list = await api('/targets', { document: 'henan_2022' });
    const t = list.targets.find((x) => metricKind(x) === 'reported' && x.type === 'cumulative' && x.status !== 'achieved') ?? list.targets.find((x) => metricKind(x) === 'reported' && x.type === 'cumulative');
    assert.ok(t, 'a reported cumulative target of henan_2022');
    const value = t.value + 1; // meets the comparator (>= / >)
    const note = `e2e 报送 ${Date.now()}`;
    await open(`/targets?document=henan_2022&target=${encodeURIComponent(t.id)}`);
    const drawer = page.locator('[data-testid="target-detail"]');
    await drawer.waitFor();
    assert.equal(await drawer.getAttribute('data-id'), t.id);
    await field('progress-value').fill(String(value));
    await field('progress-value').press('Tab');
    await field('progress-note').fill(note);
    await field('progress-attachment').fill('e2e-进度报告.pdf');
    await page.locator('[data-testid="progress-submit"]').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="progress-history"]')?.textContent.includes(n), note);
    const d = await api(`/targets/${encodeURIComponent(t.id)}`);
    assert.equal(d.target.latest.value, value);
    assert.equal(d.target.latest.user, USER);
    assert.equal(d.target.latest.attachment, 'e2e-进度报告.pdf');
    // Past its deadline a target reads 已到期 (expired), met or not (issue 13); before it, achieved.
    const thisMonth = new Date().toISOString().slice(0, 7);
    if (d.target.deadline < thisMonth) {
      assert.equal(d.target.status, 'expired', 'a target past its deadline is expired');
      assert.equal(d.target.met, true, 'its latest report meets the value');
    } else {
      assert.equal(d.target.status, 'achieved', 'a cumulative target whose latest report meets the value is achieved');
    }
    await page.waitForSelector(`[data-testid="drawer-status"][data-status="${d.target.status}"]`);
    await shot(page, 'targets-drawer');
    await page.keyboard.press('Escape');
    await settled(page);
    const row = page.locator(`[data-role="target-row"][data-id="${t.id}"]`);
    assert.equal(await row.getAttribute('data-status'), d.target.status, 'the board shows the new status');
    const tr = page.locator(`tr.el-table__row:has([data-role="target-row"][data-id="${t.id}"])`);
    assert.match(await tr.locator('[data-role="latest-meta"]').textContent(), new RegExp(`${d.target.latest.date}.*${USER}`));
    await clean(page);
  });
});
