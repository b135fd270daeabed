// A development stand-in for `ballast serve`: answers the HTTP contract of docs/api.md with
// generated (fake) data so the UI can be built and looked at before the real server exists.
// It is NOT what the e2e tests run against (they run the real binary); it exists for `npm run dev`.
//
//   node dev/mock-server.mjs [--port 8080] [--enterprises 1500] [--web dist] [--geo ../data/geo]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { warningsRoutes } from './mock-warnings.mjs';
import { appealRoutes } from './mock-appeals.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const PORT = Number(args.port ?? 8080);
const N_ENT = Number(args.enterprises ?? 1500);
const WEB = path.resolve(args.web ?? path.join(here, '..', 'dist'));
const GEO = path.resolve(args.geo ?? path.join(repo, 'data', 'geo'));

// ---------- catalogs ----------
function readCsv(file) {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const regionRows = readCsv(path.join(repo, 'data', 'regions_gbt2260_2024.csv'));
const industryRows = readCsv(path.join(repo, 'data', 'industries_gbt4754_2017.csv'));
const indicatorRows = readCsv(path.join(repo, 'data', 'indicators.csv'));

function buildTree(rootCode, rootName, rows, parentOf, filter = () => true) {
  const nodes = new Map([[rootCode, { code: rootCode, name: rootName, level: 0, children: [] }]]);
  for (const r of rows) if (filter(r)) nodes.set(r.code, { code: r.code, name: r.name ?? r.name_zh, level: Number(r.level), children: [] });
  const parent = new Map();
  for (const r of rows) {
    if (!filter(r)) continue;
    const p = parentOf(r);
    parent.set(r.code, p);
    nodes.get(p)?.children.push(nodes.get(r.code));
  }
  return { nodes, parent };
}
const regions = buildTree('100000', '全国', regionRows, (r) => r.parent_code || '100000');
const industries = buildTree('BCD', '工业', industryRows, (r) => r.parent_code || 'BCD', (r) => r.is_industry === '1');

function ancestors(tree, code) {
  const out = [];
  for (let c = code; c; c = tree.parent.get(c)) out.push(c);
  return out;
}
function strip(node, depth) {
  return {
    code: node.code,
    name: node.name,
    level: node.level,
    children: depth === 0 ? [] : node.children.map((c) => strip(c, depth - 1)),
  };
}

const indicators = indicatorRows.map((r) => ({
  code: r.code,
  name_zh: r.name_zh,
  name_en: r.name_en,
  unit: r.unit,
  kind: r.kind,
  derived: !!r.numerator || r.kind === 'negative_share',
}));
const measures = [
  ['value', '本月值', 'This month', false],
  ['ytd', '本年累计', 'Year to date', false],
  ['yoy', '同比增长', 'Year-on-year growth', true],
  ['ytd_yoy', '累计增长', 'Cumulative growth', true],
  ['yoy_2y', '两年平均增长', 'Two-year average growth', true],
  ['contrib_pp', '拉动', 'Pull (pp)', true],
  ['contrib_share', '贡献率', 'Contribution share', true],
  ['share', '占比', 'Share', true],
  ['n', '企业数', 'Enterprises', false],
  ['growth_breadth', '增长面', 'Growth breadth', true],
].map(([code, name_zh, , percent]) => ({ code, name_zh, percent })); // the real server has no name_en here (yet)

// ---------- generated panel ----------
const LAST = '2026-10';
const NP = 36;
function shift(p, k) {
  const [y, m] = p.split('-').map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
const periods = Array.from({ length: NP }, (_, i) => shift(LAST, i - NP + 1));
const pIndex = new Map(periods.map((p, i) => [p, i]));

let seed = 20261031;
function rnd() {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
}
const counties = regionRows.filter((r) => r.code.startsWith('41') && r.level === '3').map((r) => r.code);
const classes = industryRows.filter((r) => r.is_industry === '1' && r.level === '4').map((r) => r.code);
const flows = ['output_value', 'sales_value', 'revenue', 'cost', 'profit', 'electricity', 'tax', 'export_value'];
const stocks = ['assets', 'liabilities', 'inventory', 'employees'];
const ALPH = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const enterprises = [];
for (let k = 0; k < N_ENT; k++) {
  let uscc = '91' + counties[k % counties.length].slice(0, 6);
  while (uscc.length < 18) uscc += ALPH[Math.floor(rnd() * ALPH.length)];
  const region = counties[Math.floor(rnd() * counties.length)];
  const industry = classes[Math.floor(rnd() * classes.length)];
  const scale = Math.exp(rnd() * 5) * 200;
  const trend = 0.06 + (rnd() - 0.45) * 0.2;
  const data = {};
  const base = [];
  for (let t = 0; t < NP; t++) {
    const season = 1 + 0.15 * Math.sin(((t % 12) / 12) * 2 * Math.PI) - (t % 12 === 3 ? 0.2 : 0);
    base.push(scale * Math.pow(1 + trend, t / 12) * season * (0.9 + rnd() * 0.2));
  }
  data.output_value = base;
  data.sales_value = base.map((v) => v * (0.93 + rnd() * 0.07));
  data.revenue = base.map((v) => v * (1.0 + rnd() * 0.1));
  data.cost = data.revenue.map((v) => v * (0.85 + rnd() * 0.1));
  data.profit = data.revenue.map((v, i) => v - data.cost[i] - v * 0.04 * rnd());
  data.electricity = base.map((v) => v * 0.02 * (0.9 + rnd() * 0.2));
  data.tax = base.map((v) => v * 0.03);
  data.export_value = base.map((v) => (rnd() < 0.3 ? v * 0.2 : 0));
  data.assets = base.map((v) => v * 8);
  data.liabilities = base.map((v) => v * 8 * (0.4 + rnd() * 0.3));
  data.inventory = base.map((v) => v * 0.5);
  data.employees = base.map((v) => Math.round(v / 10));
  // some enterprises stop reporting for a while, some start late
  if (rnd() < 0.05) for (let t = 30; t < NP; t++) for (const ind of [...flows, ...stocks]) data[ind][t] = null;
  if (rnd() < 0.05) for (let t = 0; t < 14; t++) for (const ind of [...flows, ...stocks]) data[ind][t] = null;
  enterprises.push({
    uscc,
    name: `河南省${regions.nodes.get(region)?.name ?? ''}${['精密', '新材料', '装备', '食品', '化工', '电子', '能源'][k % 7]}有限公司${k}`,
    region,
    industry,
    size: ['large', 'medium', 'small', 'micro'][Math.floor(rnd() * 4)],
    tags: rnd() < 0.1 ? ['专精特新'] : [],
    rAnc: new Set(ancestors(regions, region)),
    iAnc: new Set(ancestors(industries, industry)),
    data,
  });
}
const byUscc = new Map(enterprises.map((e) => [e.uscc, e]));
const batches = [
  { id: 1, kind: 'enterprises', file_name: 'enterprises.csv', sha256: crypto.createHash('sha256').update('e').digest('hex'), rows: N_ENT, user: 'demo', created_at: '2026-11-05T09:00:00Z' },
  { id: 2, kind: 'observations', file_name: 'observations-2023-11..2026-10.csv', sha256: crypto.createHash('sha256').update('o').digest('hex'), rows: N_ENT * NP * 12, user: 'demo', created_at: '2026-11-05T09:01:00Z' },
];

// ---------- engine ----------
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
function valueAt(e, ind, t) {
  if (t < 0) return null;
  const kind = indicatorRows.find((r) => r.code === ind)?.kind;
  const v = e.data[ind]?.[t];
  return isNum(v) ? v : null;
}
function ytdAt(e, ind, t) {
  if (t < 0) return null;
  const kind = indicatorRows.find((r) => r.code === ind)?.kind;
  if (kind === 'stock') return valueAt(e, ind, t);
  const month = Number(periods[t].slice(5));
  let s = 0;
  for (let k = t - month + 1; k <= t; k++) {
    const v = valueAt(e, ind, k);
    if (v === null) return null;
    s += v;
  }
  return s;
}
function members(r, i) {
  return enterprises.filter((e) => e.rAnc.has(r) && e.iAnc.has(i));
}
function stats(r, i, t, ind) {
  const es = members(r, i);
  const s = { value: null, ytd: null, n: 0, x: 0, b: 0, xy: 0, by: 0, m: 0, grew: 0, my: 0 };
  for (const e of es) {
    const v = valueAt(e, ind, t);
    const y = ytdAt(e, ind, t);
    if (v !== null) {
      s.value = (s.value ?? 0) + v;
      s.n++;
    }
    if (y !== null) s.ytd = (s.ytd ?? 0) + y;
    const b = valueAt(e, ind, t - 12);
    if (v !== null && b !== null) {
      s.x += v;
      s.b += b;
      s.m++;
      if (v > b) s.grew++;
    }
    const by = ytdAt(e, ind, t - 12);
    if (y !== null && by !== null) {
      s.xy += y;
      s.by += by;
      s.my++;
    }
  }
  return s;
}
const growth = (x, b, m) => (m > 0 && b > 0 ? (x / b - 1) * 100 : null);
function derivedValue(ind, r, i, t, ytd) {
  const row = indicatorRows.find((x) => x.code === ind);
  if (row.kind === 'negative_share') {
    const es = members(r, i);
    let n = 0;
    let neg = 0;
    for (const e of es) {
      const v = ytd ? ytdAt(e, 'profit', t) : valueAt(e, 'profit', t);
      if (v !== null) {
        n++;
        if (v < 0) neg++;
      }
    }
    return n ? (neg / n) * 100 : null;
  }
  const a = stats(r, i, t, row.numerator);
  const b = stats(r, i, t, row.denominator);
  const num = ytd ? a.ytd : a.value;
  const den = ytd ? b.ytd : b.value;
  return isNum(num) && isNum(den) && den > 0 ? (num / den) * 100 : null;
}
function measureValues(ind, ms, r, i, t, parentKey) {
  const row = indicatorRows.find((x) => x.code === ind);
  const out = {};
  if (row.numerator || row.kind === 'negative_share') {
    for (const m of ms) {
      if (m === 'value') out[m] = derivedValue(ind, r, i, t, false);
      else if (m === 'ytd') out[m] = derivedValue(ind, r, i, t, true);
      else if (m === 'n') out[m] = stats(r, i, t, row.numerator ?? 'profit').n;
      else out[m] = null;
    }
    return { values: out, n: stats(r, i, t, row.numerator ?? 'profit').n };
  }
  const s = stats(r, i, t, ind);
  const need = (m) => ms.includes(m);
  let parent = null;
  if (parentKey && (need('contrib_pp') || need('contrib_share') || need('share'))) parent = stats(parentKey.r, parentKey.i, t, ind);
  for (const m of ms) {
    switch (m) {
      case 'value': out[m] = s.value; break;
      case 'ytd': out[m] = s.ytd; break;
      case 'yoy': out[m] = growth(s.x, s.b, s.m); break;
      case 'ytd_yoy': out[m] = growth(s.xy, s.by, s.my); break;
      case 'yoy_2y': {
        const g1 = growth(s.x, s.b, s.m);
        const s2 = stats(r, i, t - 12, ind);
        const g2 = growth(s2.x, s2.b, s2.m);
        const prod = g1 !== null && g2 !== null ? (1 + g1 / 100) * (1 + g2 / 100) : null;
        out[m] = prod !== null && prod > 0 ? (Math.sqrt(prod) - 1) * 100 : null;
        break;
      }
      case 'contrib_pp': out[m] = parent && parent.b > 0 && s.m > 0 ? ((s.x - s.b) / parent.b) * 100 : null; break;
      case 'contrib_share': out[m] = parent && parent.x - parent.b !== 0 && s.m > 0 ? ((s.x - s.b) / (parent.x - parent.b)) * 100 : null; break;
      case 'share': out[m] = parent && parent.value > 0 && s.value !== null ? (s.value / parent.value) * 100 : null; break;
      case 'n': out[m] = s.n; break;
      case 'growth_breadth': out[m] = s.m > 0 ? (s.grew / s.m) * 100 : null; break;
      default: throw badArg(`unknown measure: ${m}`, { measure: m });
    }
  }
  return { values: out, n: s.n };
}
function enterpriseValues(e, ind, ms, t) {
  const v = valueAt(e, ind, t);
  const y = ytdAt(e, ind, t);
  const b = valueAt(e, ind, t - 12);
  const by = ytdAt(e, ind, t - 12);
  const out = {};
  for (const m of ms) {
    if (m === 'value') out[m] = v;
    else if (m === 'ytd') out[m] = y;
    else if (m === 'yoy') out[m] = v !== null && b > 0 ? (v / b - 1) * 100 : null;
    else if (m === 'ytd_yoy') out[m] = y !== null && by > 0 ? (y / by - 1) * 100 : null;
    else if (m === 'n') out[m] = v !== null ? 1 : 0;
    else out[m] = null;
  }
  return { values: out, n: v !== null ? 1 : 0 };
}

// ---------- http ----------
class ApiErr extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    Object.assign(this, { status, code, details });
  }
}
const badArg = (msg, details) => new ApiErr(400, 'invalid_argument', msg, details);
function need(q, key) {
  const v = q.get(key);
  if (!v) throw badArg(`missing parameter: ${key}`, { parameter: key });
  return v;
}
function checkIndicator(code) {
  if (!indicators.some((i) => i.code === code)) throw badArg(`unknown indicator: ${code}`, { indicator: code });
  return code;
}
function checkPeriod(p, key = 'period') {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) throw badArg(`invalid period: ${p}`, { [key]: p });
  return p;
}
function tIndex(p) {
  const i = pIndex.get(p);
  return i === undefined ? (p > LAST ? 9999 : -9999) : i;
}
function node(tree, code, what) {
  const n = tree.nodes.get(code);
  if (!n) throw new ApiErr(404, 'not_found', `unknown ${what}: ${code}`, { [what]: code });
  return n;
}
function rankRows(rows, key, order) {
  const defined = rows.filter((r) => isNum(r.values[key]));
  defined.sort((a, b) => (order === 'asc' ? a.values[key] - b.values[key] : b.values[key] - a.values[key]));
  defined.forEach((r, k) => (r.rank = k + 1));
  const undef = rows.filter((r) => !isNum(r.values[key]));
  undef.forEach((r) => (r.rank = null));
  return [...defined, ...undef];
}

const routes = {
  'GET /health': () => ({ status: 'ok', version: 'mock', enterprises: enterprises.length, batches: batches.length, periods: { first: periods[0], last: LAST } }),
  'GET /catalog/regions': (q) => strip(node(regions, q.get('root') ?? '100000', 'region'), q.has('depth') ? Number(q.get('depth')) : -1),
  'GET /catalog/industries': (q) => strip(node(industries, q.get('root') ?? 'BCD', 'industry'), q.has('depth') ? Number(q.get('depth')) : -1),
  'GET /catalog/indicators': () => indicators,
  'GET /catalog/measures': () => measures,
  'GET /periods': () => ({ periods, latest: LAST }),
  'GET /imports': () => ({ batches: [...batches].reverse() }),
  'GET /cell': (q) => {
    const ind = checkIndicator(need(q, 'indicator'));
    const m = need(q, 'measure');
    const p = checkPeriod(need(q, 'period'));
    const r = node(regions, q.get('region') ?? '100000', 'region');
    const i = node(industries, q.get('industry') ?? 'BCD', 'industry');
    const of = q.get('of') ?? 'industry';
    const pk = of === 'region' ? { r: regions.parent.get(r.code), i: i.code } : { r: r.code, i: industries.parent.get(i.code) };
    const v = measureValues(ind, [m], r.code, i.code, tIndex(p), pk.r && pk.i ? pk : null);
    return { region: { code: r.code, name: r.name }, industry: { code: i.code, name: i.name }, period: p, indicator: ind, measure: m, value: v.values[m], n: v.n };
  },
  'GET /table': (q) => {
    const ind = checkIndicator(need(q, 'indicator'));
    const ms = need(q, 'measures').split(',');
    const t = tIndex(checkPeriod(need(q, 'period')));
    const r = node(regions, q.get('region') ?? '100000', 'region');
    const i = node(industries, q.get('industry') ?? 'BCD', 'industry');
    const dim = q.get('dim') ?? 'region';
    const sort = q.get('sort') ?? ms[0];
    const order = q.get('order') ?? 'desc';
    if (!ms.includes(sort)) ms.push(sort);
    const parentKey = { r: r.code, i: i.code };
    // like the real server: the parent is the cell itself, not a ROW
    const parent = { region: { code: r.code, name: r.name }, industry: { code: i.code, name: i.name }, period: periods[t] ?? q.get('period'), indicator: ind, ...measureValues(ind, ms, r.code, i.code, t, null) };
    let rows;
    if (dim === 'region') rows = r.children.map((c) => ({ code: c.code, name: c.name, ...measureValues(ind, ms, c.code, i.code, t, parentKey) }));
    else if (dim === 'industry') rows = i.children.map((c) => ({ code: c.code, name: c.name, ...measureValues(ind, ms, r.code, c.code, t, parentKey) }));
    else if (dim === 'enterprise') rows = members(r.code, i.code).map((e) => ({ code: e.uscc, name: e.name, ...enterpriseValues(e, ind, ms, t) }));
    else throw badArg(`invalid dim: ${dim}`, { dim });
    return { dim, parent, rows: rankRows(rows, sort, order) };
  },
  'GET /series': (q) => {
    const ind = checkIndicator(need(q, 'indicator'));
    const ms = need(q, 'measures').split(',');
    const from = checkPeriod(need(q, 'from'), 'from');
    const to = checkPeriod(need(q, 'to'), 'to');
    if (from > to) throw badArg('from is after to', { from, to });
    const r = node(regions, q.get('region') ?? '100000', 'region');
    const i = node(industries, q.get('industry') ?? 'BCD', 'industry');
    const points = [];
    for (let p = from; p <= to; p = shift(p, 1)) {
      const v = measureValues(ind, ms, r.code, i.code, tIndex(p), { r: r.code, i: industries.parent.get(i.code) });
      points.push({ period: p, values: v.values, n: v.n });
    }
    return { points };
  },
  'GET /rankings': (q) => {
    const ind = checkIndicator(need(q, 'indicator'));
    const m = need(q, 'measure');
    const p = checkPeriod(need(q, 'period'));
    const r = node(regions, q.get('region') ?? '100000', 'region');
    const i = node(industries, q.get('industry') ?? 'BCD', 'industry');
    const rankAt = (t) => rankRows(r.children.map((c) => ({ code: c.code, name: c.name, ...measureValues(ind, [m], c.code, i.code, t, { r: r.code, i: i.code }) })), m, 'desc');
    const now = rankAt(tIndex(p));
    const prev = new Map(rankAt(tIndex(p) - 1).map((x) => [x.code, x.rank]));
    return {
      rows: now.map((x) => {
        const pr = prev.get(x.code) ?? null;
        return { code: x.code, name: x.name, value: x.values[m], rank: x.rank, prev_rank: pr, rank_change: x.rank !== null && pr !== null ? pr - x.rank : null };
      }),
    };
  },
};

function enterpriseRoute(method, parts, q) {
  if (method !== 'GET' || parts[0] !== 'enterprises' || !parts[1]) return undefined;
  const e = byUscc.get(decodeURIComponent(parts[1]));
  if (!e) throw new ApiErr(404, 'not_found', `unknown enterprise: ${parts[1]}`, { uscc: parts[1] });
  if (parts.length === 2)
    return { uscc: e.uscc, name: e.name, region: { code: e.region, name: regions.nodes.get(e.region).name }, industry: { code: e.industry, name: industries.nodes.get(e.industry).name }, size: e.size, tags: e.tags };
  if (parts[2] === 'series') {
    const ind = checkIndicator(need(q, 'indicator'));
    const from = q.get('from') ?? periods[0];
    const to = q.get('to') ?? LAST;
    const points = [];
    for (let p = from; p <= to; p = shift(p, 1)) {
      const t = tIndex(p);
      const base = valueAt(e, ind, t - 12);
      const baseY = ytdAt(e, ind, t - 12);
      points.push({ period: p, value: valueAt(e, ind, t), ytd: ytdAt(e, ind, t), prior: null, prior_ytd: null, base, base_ytd: baseY });
    }
    return { points };
  }
  return undefined;
}

// multipart: just enough for one `file` field
function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!m) throw badArg('expected multipart/form-data');
  const boundary = Buffer.from('--' + (m[1] ?? m[2]));
  let start = buf.indexOf(boundary);
  while (start >= 0) {
    const next = buf.indexOf(boundary, start + boundary.length);
    if (next < 0) break;
    const part = buf.subarray(start + boundary.length + 2, next - 2);
    const sep = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, sep).toString('utf8');
    if (/name="file"/.test(head)) {
      const fn = /filename="([^"]*)"/.exec(head)?.[1] ?? 'upload';
      return { fileName: fn, body: part.subarray(sep + 4) };
    }
    start = next;
  }
  throw badArg('missing field: file', { field: 'file' });
}
function validateImport(fileName, body) {
  const errors = [];
  const warnings = [];
  if (!/\.(csv|xlsx)$/i.test(fileName)) {
    errors.push({ line: 0, column: '', code: 'unsupported_format', message: 'only .csv and .xlsx are accepted' });
    return { errors, warnings, rows: 0, kind: 'unknown' };
  }
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length);
  const header = (lines[0] ?? '').split(',');
  const obs = ['uscc', 'period', 'indicator', 'value', 'ytd', 'prior', 'prior_ytd'];
  const ent = ['uscc', 'name', 'region', 'industry', 'size', 'tags'];
  const kind = header.join(',') === obs.join(',') ? 'observations' : header.join(',') === ent.join(',') ? 'enterprises' : null;
  if (!kind) {
    errors.push({ line: 1, column: '', code: 'bad_header', message: `unexpected header: ${lines[0] ?? ''}` });
    return { errors, warnings, rows: 0, kind: 'unknown' };
  }
  lines.slice(1).forEach((l, k) => {
    const line = k + 2;
    const f = l.split(',');
    const cell = (c) => f[header.indexOf(c)] ?? '';
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(cell('uscc'))) errors.push({ line, column: 'uscc', code: 'malformed_uscc', message: '统一社会信用代码格式错误', value: cell('uscc') });
    if (kind === 'observations') {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(cell('period'))) errors.push({ line, column: 'period', code: 'bad_period', message: '期间应为 YYYY-MM', value: cell('period') });
      if (!indicators.some((i) => i.code === cell('indicator'))) errors.push({ line, column: 'indicator', code: 'unknown_indicator', message: '未知指标', value: cell('indicator') });
      for (const c of ['value', 'ytd', 'prior', 'prior_ytd']) {
        const v = cell(c);
        if (v !== '' && !Number.isFinite(Number(v))) errors.push({ line, column: c, code: 'not_a_number', message: '不是数值', value: v });
      }
    } else if (!regions.nodes.has(cell('region'))) errors.push({ line, column: 'region', code: 'unknown_region', message: '未知行政区划代码', value: cell('region') });
  });
  return { errors, warnings, rows: lines.length - 1, kind };
}

function send(res, status, obj, headers = {}) {
  const body = typeof obj === 'string' || Buffer.isBuffer(obj) ? obj : JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}
const mime = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };
function serveFile(res, file) {
  fs.readFile(file, (err, data) => {
    if (err) return send(res, 404, { error: { code: 'not_found', message: 'not found', details: {} } });
    res.writeHead(200, { 'content-type': mime[path.extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  });
}

// ---- sessions, roles and scopes, as docs/api.md says the real server does them ----
const PASSWORD = process.env.E2E_PASSWORD ?? 'secret-pass-123';
const mockUsers = {
  [process.env.E2E_USER ?? 'e2e']: { role: 'analyst', region: '410000' },
  viewer: { role: 'viewer', region: '410000' },
  city: { role: 'analyst', region: '410100' },
  admin: { role: 'admin', region: '100000' },
  dispatcher: { role: 'dispatcher', region: '410000' },
  handler: { role: 'handler', region: '410000', unit: '省工业和信息化厅' },
  // the enterprise service's e2e users (run.sh creates the same against the real server)
  ent: { role: 'enterprise', region: '410000', uscc: enterprises.find((e) => e.region.startsWith('41'))?.uscc ?? '' },
  disp: { role: 'dispatcher', region: '410000' },
  unit: { role: 'handler', region: '410000', unit: '省地方金融监管局' },
};
const sessions = new Map(); // token -> {username, csrf}
function userJson(username) {
  const u = mockUsers[username];
  return { username, role: u.role, region: { code: u.region, name: regions.nodes.get(u.region)?.name ?? u.region }, unit: u.unit ?? '', uscc: u.uscc ?? '' };
}
function authenticate(req) {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const cookie = /(?:^|;\s*)ballast_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const token = bearer ?? cookie;
  const s = token ? sessions.get(token) : undefined;
  if (!s) throw new ApiErr(401, 'unauthenticated', 'log in first');
  if (!bearer && req.method !== 'GET' && req.headers['x-csrf-token'] !== s.csrf) throw new ApiErr(403, 'csrf', 'missing or wrong X-CSRF-Token header');
  return { ...s, token, user: mockUsers[s.username] };
}
function authorize(who, key, q) {
  const { role, region: scope } = who.user;
  const [, sub] = key.split(' ');
  if (/^\/(cell|table|series|rankings)$/.test(sub)) {
    const region = q.get('region') || '100000';
    if (regions.nodes.has(region) && !ancestors(regions, region).includes(scope)) throw new ApiErr(403, 'permission_denied', `region ${region} is outside your scope ${scope}`);
    if (sub === '/table' && q.get('dim') === 'enterprise' && role !== 'admin' && role !== 'analyst') throw new ApiErr(403, 'permission_denied', 'enterprise-level rows need the analyst role');
  }
  if (sub.startsWith('/enterprises/') && !sub.endsWith('/officials') && role !== 'admin' && role !== 'analyst' && !(role === 'enterprise' && sub.split('/')[2] === who.user.uscc)) throw new ApiErr(403, 'permission_denied', `your role (${role}) may not do this`);
  if (sub === '/imports' && role !== 'admin' && role !== 'analyst') throw new ApiErr(403, 'permission_denied', `your role (${role}) may not do this`);
}
function sessionRoute(req, res, key, body) {
  if (key === 'POST /session') {
    let creds = {};
    try {
      creds = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiErr(400, 'invalid_argument', 'body: not JSON');
    }
    if (!mockUsers[creds.username] || creds.password !== PASSWORD) throw new ApiErr(401, 'unauthenticated', 'wrong username or password');
    const token = crypto.randomBytes(32).toString('hex');
    const csrf = crypto.randomBytes(16).toString('hex');
    sessions.set(token, { username: creds.username, csrf });
    return send(res, 200, { user: userJson(creds.username), csrf_token: csrf, token, expires_at: Math.floor(Date.now() / 1000) + 43200 }, { 'set-cookie': `ballast_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200` });
  }
  const who = authenticate(req);
  if (key === 'GET /session') return send(res, 200, { user: userJson(who.username), csrf_token: who.csrf });
  sessions.delete(who.token);
  return send(res, 200, { status: 'logged out' }, { 'set-cookie': 'ballast_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0' });
}

const warnings = warningsRoutes({ repo, ApiErr, regions, ancestors, enterprises, industries, lastPeriod: LAST });
const warnHeads = new Set(['alerts', 'silences', 'rules', 'targets']);
const appeals = appealRoutes({ repo, ApiErr, regions, ancestors, enterprises });
const appealHeads = new Set(['appeals', 'appeal-categories', 'appeal-reminders', 'service', 'matchmaking']);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      if (url.pathname.startsWith('/api/v1/')) {
        const sub = url.pathname.slice('/api/v1'.length);
        const key = `${req.method} ${sub}`;
        if (sub === '/session') return sessionRoute(req, res, key, Buffer.concat(chunks));
        const who = key !== 'GET /health' && key !== 'GET /openapi.json' ? authenticate(req) : null;
        if (who) authorize(who, key, url.searchParams);
        const parts = sub.split('/').filter(Boolean);
        if (who && (appealHeads.has(parts[0]) || (parts[0] === 'enterprises' && parts[2] === 'officials'))) {
          const out = appeals(req.method, parts, url.searchParams, Buffer.concat(chunks), who);
          if (out === undefined) throw new ApiErr(404, 'not_found', `no route: ${req.method} ${url.pathname}`);
          if (typeof out.status === 'number' && out.body) return send(res, out.status, out.body);
          return send(res, 200, out);
        }
        if (who && warnHeads.has(parts[0])) {
          const out = warnings(req.method, parts, url.searchParams, Buffer.concat(chunks), who);
          if (out === undefined) throw new ApiErr(404, 'not_found', `no route: ${req.method} ${url.pathname}`);
          if (typeof out.status === 'number' && out.body) return send(res, out.status, out.body);
          return send(res, 200, out);
        }
        if (key === 'POST /imports') {
          const body = Buffer.concat(chunks);
          if (body.length > 50 * 1024 * 1024) throw new ApiErr(413, 'payload_too_large', 'file too large');
          const { fileName, body: file } = parseMultipart(body, req.headers['content-type']);
          const rep = validateImport(fileName, file);
          if (rep.errors.length) throw new ApiErr(422, 'validation_failed', `${rep.errors.length} errors in ${fileName}`, { report: { errors: rep.errors, warnings: rep.warnings } });
          const sha256 = crypto.createHash('sha256').update(file).digest('hex');
          const old = batches.find((b) => b.sha256 === sha256);
          if (old) return send(res, 200, { status: 'unchanged', batch: old, report: { errors: [], warnings: [] } });
          const batch = { id: batches.length + 1, kind: rep.kind, file_name: fileName, sha256, rows: rep.rows, user: 'analyst', created_at: new Date().toISOString() };
          batches.push(batch);
          return send(res, 200, { status: 'imported', batch, report: { errors: [], warnings: rep.warnings } });
        }
        const fn = routes[key];
        const out = fn ? fn(url.searchParams) : enterpriseRoute(req.method, sub.split('/').filter(Boolean), url.searchParams);
        if (out === undefined) throw new ApiErr(404, 'not_found', `no route: ${req.method} ${url.pathname}`);
        return send(res, 200, out);
      }
      if (url.pathname.startsWith('/geo/')) return serveFile(res, path.join(GEO, path.basename(url.pathname)));
      const file = path.join(WEB, path.normalize(url.pathname));
      if (file.startsWith(WEB) && fs.existsSync(file) && fs.statSync(file).isFile()) return serveFile(res, file);
      return serveFile(res, path.join(WEB, 'index.html'));
    } catch (e) {
      if (e instanceof ApiErr) return send(res, e.status, { error: { code: e.code, message: e.message, details: e.details } });
      console.error(e);
      return send(res, 500, { error: { code: 'internal', message: String(e), details: {} } });
    }
  });
});
server.listen(PORT, '127.0.0.1', () => console.log(`mock ballast on http://127.0.0.1:${PORT}/ (${enterprises.length} enterprises)`));
