// The "Warnings and policy targets" routes of docs/api.md for the mock server: generated alerts of
// every level, state and handling step (Henan enterprises, prefectures, industries, commodities,
// targets), silences, the shipped rules, and the shipped policy targets with progress and status
// computed as docs/warnings.md describes. UI development only; the real server is src/warn.
import fs from 'node:fs';
import path from 'node:path';

const LEVELS = ['red', 'orange', 'yellow', 'blue'];
const SEVERITY = { red: 0, orange: 1, yellow: 2, blue: 3 };
const HANDLING = ['open', 'acknowledged', 'assigned', 'handled', 'closed'];
const HANDLE_ROLES = new Set(['admin', 'analyst', 'dispatcher', 'handler']);
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const one = (x) => (Math.round(x * 10) / 10).toFixed(1);

/**
 * ctx: {repo, ApiErr, regions, ancestors, enterprises, industries, mockUsers, lastPeriod, rnd}
 * Returns handle(method, parts, query, body, who) → answer object | {status, body} | undefined.
 */
export function warningsRoutes(ctx) {
  const { repo, ApiErr, regions, ancestors, enterprises, industries, lastPeriod } = ctx;
  let seed = 4242;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const forbidden = (msg) => new ApiErr(403, 'permission_denied', msg);
  const badArg = (msg, details = {}) => new ApiErr(400, 'invalid_argument', msg, details);
  const notFound = (msg) => new ApiErr(404, 'not_found', msg);
  const conflict = (msg) => new ApiErr(409, 'failed_precondition', msg);

  // ---------- rules ----------
  const ruleFile = JSON.parse(fs.readFileSync(path.join(repo, 'data', 'rules', 'default.json'), 'utf8'));
  const rules = ruleFile.rules.map((rule) => ({ id: rule.id, source: 'default', revision: 0, updated_by: '', updated_at: '', enabled: rule.enabled !== false, rule }));
  const ruleById = new Map(rules.map((r) => [r.id, r.rule]));

  // ---------- policy targets ----------
  const now = new Date();
  const today = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const todayDate = now.toISOString().slice(0, 10);
  const docs = ['henan_2022', 'traditional_manufacturing_2027', 'national_17'].map((f) => JSON.parse(fs.readFileSync(path.join(repo, 'data', 'policies', `${f}.json`), 'utf8')));
  const targets = [];
  for (const d of docs) for (const t of d.targets) targets.push({ ...t, document: { id: d.document.id, title: d.document.title, number: d.document.number ?? '' } });
  const targetById = new Map(targets.map((t) => [t.id, t]));
  const progress = new Map(targets.map((t) => [t.id, []]));
  const monthIndex = (p) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  // Reports the units made (plausible values; some targets have none).
  const seedReports = {
    'henan2022.1.enterprises_served': [[21000, '2022-04-30'], [38500, '2022-08-31'], [52340, '2022-12-28']],
    'henan2022.1.appeal_resolution_rate': [[94.2, '2022-06-30'], [95.1, '2022-12-30']],
    'henan2022.1.financing_amount': [[420, '2022-06-30'], [880, '2022-12-29']],
    'henan2022.2.new_above_scale_enterprises': [[1200, '2022-06-30'], [2630, '2022-12-31']],
    'henan2022.2.provincial_specialised_smes': [[1012, '2022-11-30']],
    'henan2022.5.three_batches_quarterly': [[1, '2022-03-31'], [2, '2022-06-30'], [3, '2022-09-30'], [4, '2022-12-20']],
    'henan2022.6.tech_retrofit_investment_growth': [[18.5, '2022-12-31']],
    'henan2022.7.new_5g_base_stations': [[24000, '2022-07-31'], [41200, '2022-12-31']],
    'henan2022.9.land_revitalised': [[19.6, '2022-12-31']],
    'henan2022.10.innovative_products': [[310, '2022-12-15']],
    'henan2022.13.development_zone_reform': [[100, '2022-06-28']],
    'tm2027.digital_rd_tools': [[76.5, '2024-06-30'], [80.2, '2025-06-30'], [87.1, '2026-09-30']],
    'tm2027.nc_key_processes': [[58.1, '2024-06-30'], [66.2, '2026-09-30']],
    'tm2027.water_per_value_added': [[-3.1, '2024-12-31'], [-7.9, '2025-12-31']],
  };
  for (const [id, rs] of Object.entries(seedReports)) {
    const t = targetById.get(id);
    const lead = t.units?.lead?.[0] ?? '';
    for (const [value, date] of rs) progress.get(id).push({ value, date, note: `${lead}报送`, attachment: rs.length > 1 && value === rs[rs.length - 1][0] ? `${id.split('.').pop()}_${date}.pdf` : '', user: 'e2e', created_at: `${date}T09:30:00Z` });
  }

  function fractionOf(t, month) {
    const s = monthIndex(t.start);
    const e = monthIndex(t.deadline);
    const m = monthIndex(month);
    const pathSpec = t.path ?? (t.type === 'growth' ? 'flat' : 'linear');
    if (pathSpec === 'flat') return 1;
    if (typeof pathSpec === 'object' && pathSpec.curve) {
      let f = 0;
      for (const [p, v] of Object.entries(pathSpec.curve)) if (monthIndex(p) <= m) f = Math.max(f, v);
      return f;
    }
    if (m < s) return 0;
    return Math.min(1, (m - s + 1) / (e - s + 1));
  }
  const meets = (cmp, a, v) => (cmp === '>=' ? a >= v : cmp === '>' ? a > v : cmp === '<=' ? a <= v : a < v);

  function targetView(t) {
    const reps = [...progress.get(t.id)].sort((a, b) => (a.date === b.date ? a.created_at.localeCompare(b.created_at) : a.date.localeCompare(b.date)));
    const latest = reps.length ? reps[reps.length - 1] : null;
    const qualitative = t.type === 'qualitative';
    const units = t.units ?? { text: '', lead: [], cooperating: [] };
    const view = {
      id: t.id,
      document: t.document,
      clause: t.clause,
      clause_title: t.clause_title ?? '',
      text: t.text,
      type: t.type,
      metric: t.metric?.kind ?? (qualitative ? '' : 'reported'), // the real server sends the kind alone
      comparator: t.comparator ?? null,
      value: t.value ?? null,
      unit: t.unit ?? '',
      start: t.start,
      deadline: t.deadline,
      path: t.path ?? (t.type === 'growth' ? 'flat' : qualitative ? null : 'linear'),
      units_text: units.text,
      lead_units: units.lead ?? [],
      cooperating_units: units.cooperating ?? [],
      qualitative,
      status: 'no_data',
      expected: null,
      actual: null,
      fraction: null,
      behind_pct: null,
      actual_source: null,
      actual_period: null,
      reports: reps.length,
      latest,
    };
    if (qualitative) return { ...view, status: 'qualitative' };
    const f = fractionOf(t, today);
    const flat = view.path === 'flat';
    const baseline = t.baseline ?? (t.type === 'cumulative' ? 0 : reps.length ? reps[0].value : 0);
    const expected = baseline + (t.value - baseline) * f;
    Object.assign(view, { fraction: f, expected });
    if (!latest) return view;
    const actual = latest.value;
    let behind;
    if (flat) behind = t.value !== 0 ? ((t.value - actual) / Math.abs(t.value)) * 100 * (t.comparator.startsWith('<') ? -1 : 1) : 0;
    else behind = expected - baseline !== 0 ? ((expected - actual) / (expected - baseline)) * 100 : 0;
    const past = monthIndex(today) > monthIndex(t.deadline);
    let status;
    if (meets(t.comparator, actual, t.value) && (!flat || monthIndex(today) >= monthIndex(t.deadline))) status = 'achieved';
    else if (past) status = 'off_track';
    else if (behind <= 0) status = 'on_track';
    else if (behind <= 10) status = 'at_risk';
    else status = 'off_track';
    return { ...view, actual, behind_pct: behind, actual_source: 'reported', actual_period: latest.date.slice(0, 7), status };
  }

  // ---------- alerts ----------
  const alerts = [];
  const events = new Map();
  let nextId = 1;
  const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const daysAgo = (n, h = 9) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - n, h, 12, 0));
  const levelZh = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
  const levelEn = { red: 'red', orange: 'orange', yellow: 'yellow', blue: 'blue' };
  function render(tpl, vars) {
    return tpl.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
  }
  function levelOf(rule, value) {
    const op = rule.op;
    let best = null;
    for (const l of LEVELS) {
      const th = rule.levels[l];
      if (th === undefined) continue;
      const hit = op === '<' ? value < th : op === '<=' ? value <= th : op === '>' ? value > th : op === '>=' ? value >= th : Math.abs(value) > th;
      if (hit && (best === null || SEVERITY[l] < SEVERITY[best])) best = l;
    }
    return best;
  }
  function fnv(s) {
    let h = 0xcbf29ce484222325n;
    for (const c of Buffer.from(s)) {
      h ^= BigInt(c);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, '0');
  }
  const periodZh = (p) => (/^\d{4}-\d{2}$/.test(p) ? `${p.slice(0, 4)}年${Number(p.slice(5))}月` : p);
  function addAlert(ruleId, subject, value, { state = 'firing', handling = 'open', streak = 1, age = 3, period = lastPeriod, target = null } = {}) {
    const rule = ruleById.get(ruleId);
    const level = levelOf(rule, value) ?? Object.keys(rule.levels)[Object.keys(rule.levels).length - 1];
    const threshold = rule.levels[level];
    const vars = { subject: subject.name, code: subject.key, value: one(value), abs_value: one(Math.abs(value)), threshold: one(threshold), period: periodZh(period), level: levelZh[level], streak, indicator: rule.indicator ?? '', target: one(rule.target ?? 6) };
    const varsEn = { ...vars, period, level: levelEn[level] };
    const starts = daysAgo(age + 3);
    const fired = state === 'pending' ? null : daysAgo(age);
    const a = {
      id: nextId++,
      fingerprint: fnv(`${ruleId}\u0000${subject.kind}\u0000${subject.key}`),
      rule_id: ruleId,
      family: rule.family,
      subject,
      level,
      state,
      period,
      value,
      threshold,
      streak,
      message_zh: render(rule.message?.zh ?? rule.name.zh, vars),
      message_en: render(rule.message?.en ?? rule.name.en, varsEn),
      starts_at: iso(starts),
      fired_at: fired ? iso(fired) : null,
      updated_at: iso(daysAgo(Math.max(0, age - 1))),
      resolved_at: state === 'resolved' ? iso(daysAgo(Math.max(0, age - 2))) : null,
      silenced_by: null,
      inhibited: false,
      handling: 'open',
      assignee: '',
      deadline: '',
      note: '',
      units: target ? [...(target.units?.lead ?? []), ...(target.units?.cooperating ?? [])].join('、') : '', // a joined string, as the real server sends it
    };
    alerts.push(a);
    const ev = [{ at: a.starts_at, actor: 'system', action: 'pending', from: '', to: 'pending', detail: '' }];
    if (fired) ev.push({ at: a.fired_at, actor: 'system', action: 'fired', from: 'pending', to: 'firing', detail: `level ${level}` });
    if (a.resolved_at) ev.push({ at: a.resolved_at, actor: 'system', action: 'resolved', from: 'firing', to: 'resolved', detail: '' });
    events.set(a.id, ev);
    const steps = HANDLING.indexOf(handling);
    const unit = target?.units?.lead?.[0] ?? pick(['郑州市工业和信息化局', '洛阳市工业和信息化局', '省工业和信息化厅运行监测协调局', '南阳市工业和信息化局']);
    const stepAt = (k) => iso(daysAgo(Math.max(0, age - 1 - k), 10 + k));
    if (steps >= 1) act(a, 'acknowledge', 'e2e', { note: '已知悉，正在核实' }, stepAt(0));
    if (steps >= 2) {
      const deadline = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (rnd() < 0.4 ? -5 : 10))).toISOString().slice(0, 10);
      act(a, 'assign', 'e2e', { unit, deadline, note: '请核实原因并报送整改措施' }, stepAt(1));
    }
    if (steps >= 3) act(a, 'handle', 'handler', { note: '已电话核实：设备检修停产，预计下月恢复' }, stepAt(2));
    if (steps >= 4) act(a, 'close', 'e2e', { note: '情况属实，予以关闭' }, stepAt(3));
    return a;
  }

  function act(a, action, actor, body, at = iso(new Date())) {
    const from = a.handling;
    let to;
    switch (action) {
      case 'acknowledge':
        if (from !== 'open') throw conflict(`alert ${a.id} is ${from}: only an open alert can be acknowledged`);
        to = 'acknowledged';
        break;
      case 'assign':
        if (from !== 'acknowledged' && from !== 'assigned') throw conflict(`alert ${a.id} is ${from}: only an acknowledged or assigned alert can be assigned`);
        if (!body.unit) throw badArg('missing unit', { field: 'unit' });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(body.deadline ?? '')) throw badArg('deadline must be YYYY-MM-DD', { field: 'deadline' });
        to = 'assigned';
        a.assignee = body.unit;
        a.deadline = body.deadline;
        break;
      case 'handle':
        if (from !== 'assigned') throw conflict(`alert ${a.id} is ${from}: only an assigned alert can be handled`);
        if (!body.note) throw badArg('missing note', { field: 'note' });
        to = 'handled';
        break;
      case 'close':
        if (from === 'closed') throw conflict(`alert ${a.id} is already closed`);
        if (from !== 'handled' && a.state !== 'resolved') throw conflict(`alert ${a.id} is ${from}: only a handled or resolved alert can be closed`);
        to = 'closed';
        break;
      default:
        throw notFound(`no action ${action}`);
    }
    a.handling = to;
    if (body.note) a.note = body.note;
    a.updated_at = at;
    const detail = action === 'assign' ? `unit=${body.unit}; deadline=${body.deadline}${body.note ? `; ${body.note}` : ''}` : (body.note ?? '');
    events.get(a.id).push({ at, actor, action, from, to, detail });
    return a;
  }

  // enterprises of Henan: some enterprise alerts of each rule
  const ents = enterprises.slice(0, 400);
  const entSubject = (e) => ({ kind: 'enterprise', key: e.uscc, name: e.name, region: e.region, industry: e.industry });
  const entPlan = [
    ['ent_output_drop', () => -20 - rnd() * 50],
    ['ent_electricity_drop', () => -20 - rnd() * 45],
    ['ent_output_stoppage', () => 0],
    ['ent_output_decline_3m', () => -rnd() * 18],
    ['ent_turn_to_loss', () => -rnd() * 1800],
    ['ent_below_scale_risk', () => 700 + rnd() * 1250],
    ['ent_missing_report', () => 1 + Math.floor(rnd() * 3)],
    ['ent_key_output_drop', () => -10 - rnd() * 30],
  ];
  const states = ['firing', 'firing', 'firing', 'pending', 'resolved'];
  const handlings = ['open', 'open', 'open', 'acknowledged', 'assigned', 'handled', 'closed'];
  for (let k = 0; k < 44; k++) {
    const [ruleId, gen] = entPlan[k % entPlan.length];
    const e = ents[(k * 37) % ents.length];
    const state = states[k % states.length];
    addAlert(ruleId, entSubject(e), gen(), { state, handling: state === 'pending' ? 'open' : handlings[(k * 3) % handlings.length], streak: ruleId === 'ent_output_decline_3m' ? (state === 'pending' ? 2 : 3) : 1, age: 1 + (k % 9) });
  }
  // prefectures of Henan
  const prefectures = (regions.nodes.get('410000')?.children ?? []).slice(0, 18);
  prefectures.forEach((p, k) => {
    const subject = { kind: 'region', key: p.code, name: p.name, region: p.code, industry: 'BCD' };
    if (k % 2 === 0) addAlert('region_output_decline', subject, -1 - rnd() * 12, { state: k % 6 === 4 ? 'resolved' : 'firing', handling: handlings[k % handlings.length], age: 2 + (k % 5) });
    if (k % 3 === 0) addAlert('region_growth_below_target', subject, -0.5 - rnd() * 8, { state: 'firing', handling: k % 2 ? 'assigned' : 'open', age: 4 });
  });
  // industries (divisions, national cell)
  for (const [code, v] of [['31', -7.2], ['26', -3.6], ['17', -1.4]]) {
    const n = industries.nodes.get(code);
    if (n) addAlert('industry_growth_below_target', { kind: 'industry', key: code, name: n.name, region: '410000', industry: code }, v, { state: 'firing', age: 5 });
  }
  // commodities
  const commodities = [
    ['iron_ore', '铁矿石', 23.4, 'commodity_price_change'],
    ['urea', '尿素', -12.8, 'commodity_price_change'],
    ['thermal_coal', '动力煤', 41.5, 'commodity_price_yoy'],
    ['rebar', '螺纹钢', -17.2, 'commodity_price_yoy'],
    ['potash', '氯化钾', 6.5, 'commodity_supply_days'],
    ['copper', '电解铜', 8.9, 'commodity_supply_days'],
    ['aluminium', '电解铝', 6.1, 'commodity_price_change'],
  ];
  commodities.forEach(([key, name, v, rule], k) =>
    addAlert(rule, { kind: 'commodity', key, name, region: '410000', industry: '' }, v, { state: k === 6 ? 'pending' : 'firing', period: todayDate.slice(0, 8) + '15', handling: k === 1 ? 'acknowledged' : 'open', age: 1 + k }),
  );
  // targets behind their path
  for (const t of targets) {
    const v = targetView(t);
    if (isNum(v.behind_pct) && v.behind_pct > 0 && v.status !== 'achieved')
      addAlert('target_behind_path', { kind: 'target', key: t.id, name: t.text, region: t.id.startsWith('henan') ? '410000' : '100000', industry: '' }, v.behind_pct, { state: 'firing', period: today, handling: t.id.startsWith('tm') ? 'assigned' : 'open', age: 6, target: t });
  }
  // one silenced and one inhibited enterprise alert
  const silences = [];
  let nextSilence = 1;
  function addSilence(m, author, reason, startsAt, endsAt) {
    const s = { id: nextSilence++, rule_id: m.rule_id ?? '', family: m.family ?? '', subject_key: m.subject_key ?? '', region: m.region ?? '', author, reason, starts_at: startsAt, ends_at: endsAt, expired_at: null, expired_by: null };
    silences.push(s);
    return s;
  }
  const sil = addSilence({ rule_id: 'ent_missing_report', region: '410300' }, 'e2e', '洛阳市统计口径调整期间暂停未报送预警', iso(daysAgo(3)), iso(daysAgo(-14)));
  addSilence({ family: 'commodity_price' }, 'admin', '春节前后价格季节性波动', iso(daysAgo(300)), iso(daysAgo(270)));
  const silenceActive = (s) => !s.expired_at && s.starts_at <= iso(new Date()) && iso(new Date()) < s.ends_at;
  function silenceMatches(s, a) {
    if (s.rule_id && s.rule_id !== a.rule_id) return false;
    if (s.family && s.family !== a.family) return false;
    if (s.subject_key && s.subject_key !== a.subject.key) return false;
    if (s.region && !(a.subject.region && ancestors(regions, a.subject.region).includes(s.region))) return false;
    return !!(s.rule_id || s.family || s.subject_key || s.region);
  }
  function applySilences() {
    for (const a of alerts) {
      const s = silences.find((x) => silenceActive(x) && silenceMatches(x, a));
      a.silenced_by = s ? s.id : null;
    }
  }
  // a missing-report alert in 洛阳 for the silence to match
  const luoyang = ents.find((e) => e.region.startsWith('4103'));
  if (luoyang) addAlert('ent_missing_report', entSubject(luoyang), 2, { state: 'firing', age: 2 });
  applySilences();
  void sil;

  // ---------- scope and permissions ----------
  const mayEnterprises = (u) => u.role === 'admin' || u.role === 'analyst';
  const inScope = (u, region) => !region || ancestors(regions, region).includes(u.region);
  function visible(u, a) {
    if (a.subject.kind === 'enterprise' && !mayEnterprises(u)) return false;
    if (u.region === '100000') return true;
    return !!a.subject.region && inScope(u, a.subject.region);
  }
  function needAggregates(u) {
    if (u.role === 'enterprise') throw forbidden(`your role (${u.role}) may not do this`);
  }
  function needHandle(u) {
    if (!HANDLE_ROLES.has(u.role)) throw forbidden(`your role (${u.role}) may not handle alerts`);
  }
  function parseBody(body) {
    try {
      return body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw badArg('body: not JSON');
    }
  }

  function listAlerts(u, q) {
    const level = q.get('level');
    const state = q.get('state');
    const handling = q.get('handling');
    const region = q.get('region') || '';
    const unit = q.get('unit');
    const rule = q.get('rule');
    const kind = q.get('kind');
    const includeClosed = q.get('include_closed') === '1' || handling === 'closed';
    const limit = q.has('limit') ? Number(q.get('limit')) : 1000;
    if (level && !LEVELS.includes(level)) throw badArg(`invalid level: ${level}`, { level });
    if (state && !['pending', 'firing', 'resolved'].includes(state)) throw badArg(`invalid state: ${state}`, { state });
    if (handling && !HANDLING.includes(handling)) throw badArg(`invalid handling: ${handling}`, { handling });
    if (!Number.isInteger(limit) || limit < 1) throw badArg(`invalid limit: ${q.get('limit')}`, { limit: q.get('limit') });
    if (region) {
      if (!regions.nodes.has(region)) throw notFound(`unknown region: ${region}`);
      if (!inScope(u, region)) throw forbidden(`region ${region} is outside your scope ${u.region}`);
    }
    applySilences();
    const rows = alerts
      .filter((a) => visible(u, a) && !a.inhibited)
      .filter((a) => includeClosed || a.handling !== 'closed')
      .filter((a) => !state || a.state === state)
      .filter((a) => !handling || a.handling === handling)
      .filter((a) => !rule || a.rule_id === rule)
      .filter((a) => !kind || a.subject.kind === kind)
      .filter((a) => !unit || a.assignee === unit || a.units.split('、').includes(unit))
      .filter((a) => !region || (a.subject.region && ancestors(regions, a.subject.region).includes(region)));
    const shown = rows
      .filter((a) => !level || a.level === level)
      .sort((a, b) => SEVERITY[a.level] - SEVERITY[b.level] || b.updated_at.localeCompare(a.updated_at) || b.id - a.id)
      .slice(0, limit);
    // like the real server: the counts of the returned (filtered and limited) list
    const counts = { red: 0, orange: 0, yellow: 0, blue: 0 };
    for (const a of shown) counts[a.level]++;
    return { alerts: shown, counts };
  }
  function getAlert(u, id) {
    const a = alerts.find((x) => String(x.id) === String(id));
    if (!a) throw notFound(`unknown alert: ${id}`);
    if (!visible(u, a)) throw forbidden(`alert ${id} is outside your scope`);
    return a;
  }

  return function handle(method, parts, q, body, who) {
    const u = { ...who.user, username: who.username };
    const [head, id, sub] = parts;
    if (head === 'alerts') {
      needAggregates(u);
      if (method === 'GET' && !id) return listAlerts(u, q);
      const a = getAlert(u, id);
      if (method === 'GET' && !sub) return { alert: a, events: events.get(a.id) };
      if (method === 'POST' && ['acknowledge', 'assign', 'handle', 'close'].includes(sub)) {
        needHandle(u);
        const b = parseBody(body);
        if (sub === 'handle' && u.role === 'handler' && a.assignee !== u.unit) throw forbidden('a handler may handle only the alerts assigned to its unit');
        act(a, sub, u.username, b);
        return { alert: a };
      }
      return undefined;
    }
    if (head === 'silences') {
      needHandle(u);
      if (method === 'GET' && !id) {
        const active = q.get('active') === '1';
        return { silences: silences.filter((s) => !active || silenceActive(s)).sort((a, b) => b.id - a.id) };
      }
      if (method === 'POST' && !id) {
        const b = parseBody(body);
        if (!b.rule_id && !b.family && !b.subject_key && !b.region) throw badArg('a silence needs at least one matcher (rule_id, family, subject_key, region)');
        if (!b.reason) throw badArg('missing reason', { field: 'reason' });
        if (!b.ends_at || Number.isNaN(Date.parse(b.ends_at))) throw badArg('ends_at must be an ISO 8601 time', { field: 'ends_at' });
        if (b.region && !inScope(u, b.region)) throw forbidden(`region ${b.region} is outside your scope ${u.region}`);
        const startsAt = b.starts_at ? iso(new Date(b.starts_at)) : iso(new Date());
        const endsAt = iso(new Date(b.ends_at));
        if (endsAt <= startsAt) throw badArg('ends_at must be after starts_at', { field: 'ends_at' });
        const s = addSilence(b, u.username, b.reason, startsAt, endsAt);
        applySilences();
        return { status: 201, body: { silence: s } };
      }
      if (method === 'DELETE' && id) {
        const s = silences.find((x) => String(x.id) === String(id));
        if (!s) throw notFound(`unknown silence: ${id}`);
        if (s.expired_at) throw conflict(`silence ${id} has already ended`);
        s.expired_at = iso(new Date());
        s.expired_by = u.username;
        applySilences();
        return { status: 'expired' };
      }
      return undefined;
    }
    if (head === 'rules' && method === 'GET' && !id) {
      needAggregates(u);
      return { rules };
    }
    if (head === 'targets') {
      needAggregates(u);
      if (method === 'GET' && !id) {
        const doc = q.get('document');
        const unit = q.get('unit');
        const status = q.get('status');
        const rows = targets
          .filter((t) => !doc || t.document.id === doc)
          .filter((t) => !unit || (t.units?.lead ?? []).includes(unit) || (t.units?.cooperating ?? []).includes(unit))
          .map(targetView)
          .filter((t) => !status || t.status === status);
        return { targets: rows };
      }
      const t = targetById.get(id);
      if (!t) throw notFound(`unknown target: ${id}`);
      if (method === 'GET' && !sub) return { target: targetView(t), progress: [...progress.get(t.id)].reverse() };
      if (method === 'POST' && sub === 'progress') {
        const mayReport = u.role === 'admin' || u.role === 'analyst' || (u.role === 'handler' && [...(t.units?.lead ?? []), ...(t.units?.cooperating ?? [])].includes(u.unit));
        if (!mayReport) throw forbidden(`your role (${u.role}) may not report progress on ${t.id}`);
        if (t.type === 'qualitative') throw badArg(`target ${t.id} is qualitative: nothing to report`);
        const b = parseBody(body);
        const value = typeof b.value === 'string' ? Number(b.value) : b.value;
        if (!isNum(value)) throw badArg('value must be a number', { field: 'value' });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(b.date ?? '')) throw badArg('date must be YYYY-MM-DD', { field: 'date' });
        if (b.date > todayDate) throw badArg('date is in the future', { field: 'date' });
        const p = { value, date: b.date, note: b.note ?? '', attachment: b.attachment ?? '', user: u.username, created_at: iso(new Date()) };
        progress.get(t.id).push(p);
        return { status: 201, body: { progress: p } };
      }
      return undefined;
    }
    return undefined;
  };
}
