// First load of the cockpit with a cold browser profile: navigation start → the first KPI figure
// (工业总产值, 累计) on screen, against a running `ballast serve` of the production build.
//   node scripts/loadtime.mjs http://127.0.0.1:8080 [runs] (user/password: E2E_USER, E2E_PASSWORD)
// GZIP=1 makes Chromium ask for gzip only (cpp-httplib compresses with brotli on the fly otherwise).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.argv[2] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const runs = Number(process.argv[3] ?? 3);
const user = process.env.E2E_USER ?? 'e2e';
const password = process.env.E2E_PASSWORD ?? 'secret-pass-123';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const times = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ballast-cold-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 1440, height: 960 },
    locale: 'zh-CN',
    ...(process.env.GZIP ? { extraHTTPHeaders: { 'accept-encoding': 'gzip, deflate' } } : {}),
  });
  const res = await ctx.request.post(`${BASE}/api/v1/session`, { data: { username: user, password } });
  if (!res.ok()) throw new Error(`login: HTTP ${res.status()}`);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const t0 = Date.now();
  await page.goto(`${BASE}/cockpit`);
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-output_value"] [data-role=ytd]')?.textContent ?? ''), null, { timeout: 60_000 });
  times.push(Date.now() - t0);
  const bytes = await page.evaluate(() => performance.getEntriesByType('resource').reduce((s, e) => s + (e.transferSize || 0), 0));
  console.log(`run ${i + 1}: ${times[i]} ms, ${Math.round(bytes / 1024)} KiB transferred`);
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
console.log(`median ${times[Math.floor(times.length / 2)]} ms`);
