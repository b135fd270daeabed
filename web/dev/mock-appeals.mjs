// The enterprise service (万人助万企) of docs/api.md ("Enterprise service") and docs/service.md:
// appeals with the state machine's table, deadlines in working days, reminders, metrics,
// coverage and matchmaking — generated, for UI work only.
import fs from 'node:fs';
import path from 'node:path';

export function appealRoutes(ctx) {
  const { repo, ApiErr, regions, ancestors, enterprises } = ctx;
  const forbidden = (msg) => new ApiErr(403, 'permission_denied', msg);
  const badArg = (msg, details = {}) => new ApiErr(400, 'invalid_argument', msg, details);
  const notFound = (msg) => new ApiErr(404, 'not_found', msg);
  const conflict = (msg) => new ApiErr(409, 'failed_precondition', msg);
  let seed = 777;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

  const categories = JSON.parse(fs.readFileSync(path.join(repo, 'data', 'service', 'categories.json'), 'utf8')).categories;
  const dispatch = JSON.parse(fs.readFileSync(path.join(repo, 'data', 'service', 'dispatch.json'), 'utf8'));
  const cal = JSON.parse(fs.readFileSync(path.join(repo, 'data', 'calendar', 'cn_workdays_2023_2026.json'), 'utf8'));
  const holidays = new Set();
  for (const h of cal.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.add(d);
  const makeup = new Set(cal.workdays.map((w) => w.date));
  function addDays(d, n) {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + n);
    return t.toISOString().slice(0, 10);
  }
  const isWorkday = (d) => makeup.has(d) || (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !holidays.has(d));
  function addWorkdays(d, n) {
    let x = d;
    for (let k = 0; k < n; ) {
      x = addDays(x, 1);
      if (isWorkday(x)) k++;
    }
    return x;
  }
  function workdaysBetween(a, b) {
    let n = 0;
    for (let x = a; x < b; ) {
      x = addDays(x, 1);
      if (isWorkday(x)) n++;
    }
    return n;
  }
  const bjDate = (iso) => new Date(new Date(iso).getTime() + 8 * 3600e3).toISOString().slice(0, 10);
  const nowIso = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const today = () => bjDate(new Date().toISOString());

  function catalogueRule(category, region) {
    let best = null;
    let score = -1;
    for (const r of dispatch.rules) {
      if (r.category !== '*' && r.category !== category) continue;
      if (r.region && !region.startsWith(r.region.replace(/0+$/, ''))) continue;
      const s = (r.category === '*' ? 0 : 100) + r.region.replace(/0+$/, '').length;
      if (s > score) [best, score] = [r, s];
    }
    return best;
  }

  const byUscc = new Map(enterprises.map((e) => [e.uscc, e]));
  const henan = enterprises.filter((e) => e.region.startsWith('41'));
  const appeals = [];
  const history = new Map();
  const officials = []; // {uscc, username, name, unit, region}
  for (const [k, e] of henan.entries()) if (k % 3 !== 2) officials.push({ uscc: e.uscc, username: `bl${k % 40}`, name: `包联干部${k % 40}`, unit: pick(['郑州市工业和信息化局', '省工业和信息化厅', '洛阳市工业和信息化局']), region: e.region });

  function open(a) {
    return !['closed', 'merged', 'withdrawn', 'not_responsible'].includes(a.state);
  }
  function overdue(a, d = today()) {
    if (!['dispatched', 'in_progress', 'returned'].includes(a.state)) return false;
    if (!a.first_response_at && a.response_due && d > a.response_due) return true;
    return !!a.due && d > a.due;
  }
  const view = (a) => ({ ...a, overdue: overdue(a) });
  function log(a, who, action, from, reason = '') {
    history.get(a.id).push({ at: nowIso(), actor: who.username, party: who.party, action, from, to: a.state, unit: a.unit, reason });
  }
  function setDeadlines(a, at, both = true) {
    const d = bjDate(at);
    const cat = categories.find((c) => c.code === a.category);
    const cx = a.complexity || cat?.complexity || 'simple';
    if (both) a.response_due = addWorkdays(d, dispatch.deadlines.first_response);
    a.due = addWorkdays(d, dispatch.deadlines[cx] + a.extensions);
  }

  // ---------- seed: appeals in every state ----------
  const titles = ['流动资金贷款到期续贷困难', '技术工人招聘缺口', '新厂房用地指标', '用电增容审批慢', '原材料运输受阻', '环评审批进度', '研发费用加计扣除兑现', '产品销路对接', '出口订单物流', '高校技术合作'];
  const states = ['submitted', 'submitted', 'accepted', 'dispatched', 'dispatched', 'in_progress', 'in_progress', 'returned', 'replied', 'rated', 'rated', 'rated', 'closed', 'closed', 'closed', 'closed', 'withdrawn', 'merged', 'not_responsible'];
  const t0 = Date.now();
  for (let k = 0; k < 90; k++) {
    const e = henan[(k * 7) % henan.length];
    const cat = categories[k % categories.length];
    const filed = new Date(t0 - (5 + Math.floor(rnd() * 120)) * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
    const st = states[k % states.length];
    const rule = catalogueRule(cat.code, e.region);
    const a = {
      id: k + 1, version: 1, uscc: e.uscc, enterprise_name: e.name, region: e.region, category: cat.code, title: titles[k % titles.length],
      description: `${e.name}反映：${titles[k % titles.length]}，请协调解决。`, attachments: k % 4 === 0 ? ['情况说明.pdf'] : [], contact: `张经理 1380000${String(1000 + k)}`,
      channel: pick(['online', 'online', 'phone', 'visit', 'official']), filed_by: 'seed', filed_at: filed, state: 'submitted', unit: '', co_units: [], complexity: cat.complexity,
      dispatched_at: '', response_due: '', due: '', first_response_at: '', replied_at: '', reply: '', extension_days_requested: 0, extensions: 0, escalations: 0, reopen_count: 0,
      rating_solved: null, satisfaction: '', rated_at: '', closed_at: '', merged_into: 0, updated_at: filed,
    };
    history.set(a.id, [{ at: filed, actor: 'seed', party: 'enterprise', action: 'file', from: '', to: 'submitted', unit: '', reason: '' }]);
    const step = (action, to, extra = {}) => {
      const from = a.state;
      a.state = to;
      Object.assign(a, extra);
      history.get(a.id).push({ at: filed, actor: action === 'rate' ? 'seed' : 'dispatcher', party: action === 'rate' ? 'enterprise' : 'dispatcher', action, from, to, unit: a.unit, reason: extra.reason ?? '' });
    };
    if (st !== 'submitted' && st !== 'withdrawn' && st !== 'merged') step('accept', 'accepted');
    if (st === 'withdrawn') step('withdraw', 'withdrawn');
    if (st === 'merged') step('merge', 'merged', { merged_into: 1 });
    if (st === 'not_responsible') step('decline', 'not_responsible');
    if (['dispatched', 'in_progress', 'returned', 'replied', 'rated', 'closed'].includes(st)) {
      step('dispatch', 'dispatched', { unit: rule.unit, co_units: rule.co_units ?? [], dispatched_at: filed });
      setDeadlines(a, filed);
      if (k % 5 === 3) a.due = addWorkdays(today(), 1); // due tomorrow
    }
    if (['in_progress', 'returned', 'replied', 'rated', 'closed'].includes(st)) step('start', 'in_progress', { first_response_at: filed });
    if (st === 'returned') step('return', 'returned', { reason: '不属于本单位职责' });
    if (['replied', 'rated', 'closed'].includes(st)) {
      const rep = new Date(new Date(filed).getTime() + (1 + Math.floor(rnd() * 25)) * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
      step('reply', 'replied', { replied_at: rep, reply: '已协调相关部门办理，详见答复。' });
    }
    if (['rated', 'closed'].includes(st)) {
      const solved = rnd() < 0.93;
      step('rate', 'rated', { rating_solved: solved, satisfaction: solved ? pick(['satisfied', 'satisfied', 'basic']) : 'dissatisfied', rated_at: filed });
      if (k % 11 === 0) a.reopen_count = 1;
    }
    if (st === 'closed') step('close', 'closed', { closed_at: filed });
    appeals.push(a);
  }

  // ---------- who may see and do what ----------
  function party(who, a) {
    const u = who.user;
    if (u.role === 'enterprise') return u.uscc === a.uscc ? 'enterprise' : null;
    if (officials.some((o) => o.uscc === a.uscc && o.username === who.username)) return 'official';
    if (u.role === 'handler') return a.unit === u.unit || a.co_units.includes(u.unit) ? 'unit' : null;
    if (['dispatcher', 'admin'].includes(u.role) && ancestors(regions, a.region).includes(u.region)) return 'dispatcher';
    return null;
  }
  function visible(who, a) {
    const u = who.user;
    if (u.role === 'enterprise') return u.uscc === a.uscc;
    if (u.role === 'handler') return a.unit === u.unit || a.co_units.includes(u.unit);
    return ancestors(regions, a.region).includes(u.region);
  }
  function get(who, id) {
    const a = appeals.find((x) => String(x.id) === String(id));
    if (!a || !visible(who, a)) throw notFound(`no appeal ${id}`);
    return a;
  }
  const table = {
    accept: [['submitted'], ['dispatcher']],
    decline: [['submitted', 'accepted'], ['dispatcher']],
    dispatch: [['accepted', 'returned'], ['dispatcher']],
    return: [['dispatched', 'in_progress'], ['unit']],
    reassign: [['dispatched', 'in_progress', 'returned'], ['dispatcher']],
    start: [['dispatched'], ['unit']],
    'request-extension': [['dispatched', 'in_progress'], ['unit']],
    'approve-extension': [['dispatched', 'in_progress'], ['dispatcher']],
    escalate: [['dispatched', 'in_progress', 'returned', 'replied', 'rated'], ['dispatcher']],
    reply: [['in_progress'], ['unit']],
    rate: [['replied'], ['enterprise']],
    reopen: [['rated'], ['enterprise', 'dispatcher']],
    close: [['rated', 'replied'], ['dispatcher']],
    merge: [['submitted', 'accepted'], ['dispatcher']],
    withdraw: [['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'], ['enterprise', 'official']],
  };
  const str = (v) => (typeof v === 'string' ? v.trim() : '');
  function act(who, a, action, b) {
    const rule = table[action];
    if (!rule) throw notFound(`no action ${action}`);
    const p = party(who, a);
    if (!p || !rule[1].includes(p)) throw forbidden(`${who.username} (${p ?? who.user.role}) may not ${action} this appeal`);
    if (!rule[0].includes(a.state)) throw conflict(`cannot ${action} an appeal in state ${a.state}`);
    if (b.version === undefined || Number(b.version) !== a.version) throw conflict(`the appeal has changed (version ${a.version}, you sent ${b.version}); reload it`);
    const need = (k) => {
      if (!str(b[k])) throw badArg(`${k} is required`, { field: k });
      return str(b[k]);
    };
    const from = a.state;
    const at = nowIso();
    const w = { username: who.username, party: p };
    let reason = '';
    switch (action) {
      case 'accept': a.state = 'accepted'; break;
      case 'decline': reason = need('reason'); a.state = 'not_responsible'; a.closed_at = at; break;
      case 'dispatch': {
        const rule = catalogueRule(a.category, a.region);
        a.unit = str(b.unit) || rule?.unit || '';
        a.co_units = Array.isArray(b.co_units) && b.co_units.length ? b.co_units.map(String) : str(b.unit) ? [] : (rule?.co_units ?? []);
        if (b.complexity) {
          if (!['simple', 'complex'].includes(b.complexity)) throw badArg('complexity: simple or complex');
          a.complexity = b.complexity;
        }
        a.state = 'dispatched'; a.dispatched_at = at; a.first_response_at = ''; setDeadlines(a, at);
        break;
      }
      case 'return': reason = need('reason'); a.state = 'returned'; break;
      case 'reassign': a.unit = need('unit'); reason = str(b.reason); a.co_units = []; a.state = 'dispatched'; a.dispatched_at = at; a.first_response_at = ''; a.extensions = 0; setDeadlines(a, at); break;
      case 'start': a.state = 'in_progress'; if (!a.first_response_at) a.first_response_at = at; break;
      case 'request-extension': {
        reason = need('reason');
        const d = Number(b.days);
        if (!Number.isInteger(d) || d < 1 || d > 60) throw badArg('days: 1 to 60', { field: 'days' });
        if (a.due && today() > a.due) throw conflict('the deadline has passed');
        a.extension_days_requested = d;
        break;
      }
      case 'approve-extension':
        if (!a.extension_days_requested) throw conflict('no extension requested');
        if (b.approve) { a.extensions += a.extension_days_requested; a.due = addWorkdays(a.due, a.extension_days_requested); }
        reason = b.approve ? `+${a.extension_days_requested}` : 'refused';
        a.extension_days_requested = 0;
        break;
      case 'escalate': reason = need('reason'); a.escalations++; break;
      case 'reply': { const r = need('reply'); a.reply = r; a.replied_at = at; if (!a.first_response_at) a.first_response_at = at; a.state = 'replied'; break; }
      case 'rate':
        if (typeof b.solved !== 'boolean') throw badArg('solved: true or false', { field: 'solved' });
        if (!['satisfied', 'basic', 'dissatisfied'].includes(b.satisfaction)) throw badArg('satisfaction: satisfied, basic or dissatisfied', { field: 'satisfaction' });
        if (!b.solved && a.rating_solved === false && a.reopen_count > 0) a.escalations++;
        a.rating_solved = b.solved; a.satisfaction = b.satisfaction; a.rated_at = at; a.state = 'rated';
        break;
      case 'reopen':
        reason = need('reason');
        if (a.rating_solved !== false) throw conflict('only an appeal rated "not solved" can be reopened');
        if (p === 'enterprise' && a.reopen_count > 0) throw forbidden('the enterprise can reopen once; ask the dispatcher');
        a.reopen_count++; a.state = 'dispatched'; a.dispatched_at = at; setDeadlines(a, at, false);
        break;
      case 'close': a.state = 'closed'; a.closed_at = at; break;
      case 'merge': {
        const t = appeals.find((x) => String(x.id) === String(b.into));
        if (!t || t.id === a.id || t.uscc !== a.uscc || !open(t)) throw badArg('into: an open appeal of the same enterprise', { field: 'into' });
        a.merged_into = t.id; a.state = 'merged'; reason = `→ ${t.id}`;
        break;
      }
      case 'withdraw': reason = need('reason'); a.state = 'withdrawn'; break;
    }
    a.version++;
    a.updated_at = at;
    log(a, w, action.replace('-', '_'), from, reason);
    return { appeal: view(a) };
  }

  function file(who, b) {
    const u = who.user;
    const uscc = u.role === 'enterprise' ? u.uscc : str(b.uscc);
    if (u.role === 'enterprise' && b.uscc && b.uscc !== u.uscc) throw forbidden('an enterprise files its own appeals');
    const e = byUscc.get(uscc);
    if (!e) throw badArg('uscc: unknown enterprise', { field: 'uscc' });
    const isOfficial = officials.some((o) => o.uscc === uscc && o.username === who.username);
    if (u.role !== 'enterprise' && !isOfficial && !(['dispatcher', 'analyst', 'admin'].includes(u.role) && ancestors(regions, e.region).includes(u.region))) throw forbidden('you may not file for this enterprise');
    if (!categories.some((c) => c.code === b.category)) throw badArg('category: unknown', { field: 'category' });
    const title = str(b.title);
    if (!title) throw badArg('title is required', { field: 'title' });
    const desc = typeof b.description === 'string' ? b.description : '';
    const n = [...desc].length;
    if (n < 1 || n > 4000) throw badArg(`description: 1 to 4000 characters (got ${n})`, { field: 'description' });
    const att = b.attachments ?? [];
    if (!Array.isArray(att) || att.length > 20) throw badArg('attachments: up to 20 names', { field: 'attachments' });
    if (!str(b.contact)) throw badArg('contact is required', { field: 'contact' });
    if (!['online', 'phone', 'visit', 'official'].includes(b.channel)) throw badArg('channel: online, phone, visit or official', { field: 'channel' });
    const at = nowIso();
    const a = {
      id: appeals.length + 1, version: 1, uscc, enterprise_name: e.name, region: e.region, category: b.category, title, description: desc, attachments: att.map(String), contact: str(b.contact),
      channel: b.channel, filed_by: who.username, filed_at: at, state: 'submitted', unit: '', co_units: [], complexity: categories.find((c) => c.code === b.category).complexity,
      dispatched_at: '', response_due: '', due: '', first_response_at: '', replied_at: '', reply: '', extension_days_requested: 0, extensions: 0, escalations: 0, reopen_count: 0,
      rating_solved: null, satisfaction: '', rated_at: '', closed_at: '', merged_into: 0, updated_at: at,
    };
    appeals.push(a);
    history.set(a.id, []);
    log(a, { username: who.username, party: u.role === 'enterprise' ? 'enterprise' : isOfficial ? 'official' : 'dispatcher' }, 'file', '');
    const dups = appeals.filter((x) => x !== a && x.uscc === uscc && x.category === a.category && open(x)).map((x) => x.id);
    return { status: 201, body: { appeal: view(a), possible_duplicates: dups } };
  }

  // ---------- metrics ----------
  const rate = (num, den) => ({ num, den, percent: den ? (100 * num) / den : null });
  function metricsRow(key, xs) {
    const ex = (s) => xs.filter((a) => a.state === s).length;
    const inScope = xs.filter((a) => !['withdrawn', 'merged', 'not_responsible'].includes(a.state));
    const disp = inScope.filter((a) => a.dispatched_at);
    const closed = inScope.filter((a) => a.state === 'closed');
    const rated = inScope.filter((a) => a.rating_solved !== null);
    const replied = inScope.filter((a) => a.replied_at);
    const days = replied.map((a) => workdaysBetween(bjDate(a.dispatched_at), bjDate(a.replied_at)));
    return {
      key, filed: xs.length, withdrawn: ex('withdrawn'), merged: ex('merged'), not_responsible: ex('not_responsible'), in_scope: inScope.length,
      response: rate(disp.filter((a) => a.first_response_at && bjDate(a.first_response_at) <= a.response_due).length, disp.length),
      on_time_closure: rate(closed.filter((a) => a.replied_at && bjDate(a.replied_at) <= a.due).length, closed.length),
      resolution: rate(rated.filter((a) => a.rating_solved === true).length, rated.length),
      satisfaction: rate(rated.filter((a) => ['satisfied', 'basic'].includes(a.satisfaction)).length, rated.length),
      reopen: rate(rated.filter((a) => a.reopen_count > 0).length, rated.length),
      average_handling_days: days.length ? days.reduce((s, x) => s + x, 0) / days.length : null,
    };
  }
  function scopeRegion(who, q) {
    const r = q.get('region') || who.user.region;
    if (!regions.nodes.has(r)) throw badArg(`unknown region ${r}`);
    if (!ancestors(regions, r).includes(who.user.region)) throw forbidden(`region ${r} is outside your scope ${who.user.region}`);
    return r;
  }
  const aggregatesOnly = (who) => {
    if (who.user.role === 'enterprise') throw forbidden('enterprise users have no aggregates');
  };

  // ---------- matchmaking ----------
  const events = [];
  const types = ['sales', 'finance', 'research', 'labour'];
  for (let k = 0; k < 60; k++) {
    const type = types[k % 4];
    const e = henan[(k * 13) % henan.length];
    events.push({
      id: k + 1, type, title: `${['产销对接会', '银企对接会', '产学研合作对接', '用工招聘会'][k % 4]}（第${k + 1}场）`, date: `2026-${String(1 + (k % 10)).padStart(2, '0')}-${String(5 + (k % 20)).padStart(2, '0')}`,
      region: e.region, organiser: '省工业和信息化厅', participants: henan.slice(k, k + 5).map((x) => x.uscc),
      financing_amount: type === 'finance' ? Math.round(rnd() * 400) / 10 : 0, research_results: type === 'research' ? 1 + Math.floor(rnd() * 4) : 0, hires: type === 'labour' ? Math.floor(rnd() * 300) : 0, outcome: '',
    });
  }

  return function route(method, parts, q, rawBody, who) {
    let b = {};
    if (method === 'POST') {
      try {
        b = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
      } catch {
        throw badArg('body: not JSON');
      }
    }
    const [head, id, action] = parts;
    if (head === 'appeal-categories' && method === 'GET') return { categories, deadlines: dispatch.deadlines };
    if (head === 'appeals') {
      if (!id && method === 'GET') {
        let xs = appeals.filter((a) => visible(who, a));
        for (const k of ['state', 'unit', 'category', 'uscc']) if (q.get(k)) xs = xs.filter((a) => (k === 'unit' ? a.unit === q.get(k) || a.co_units.includes(q.get(k)) : q.get(k).split(',').includes(a[k])));
        if (q.get('region')) xs = xs.filter((a) => ancestors(regions, a.region).includes(q.get('region')));
        if (q.get('overdue') === '1') xs = xs.filter((a) => overdue(a));
        return { appeals: xs.map(view).sort((a, c) => c.id - a.id) };
      }
      if (!id && method === 'POST') return file(who, b);
      if (id && !action && method === 'GET') {
        const a = get(who, id);
        return { appeal: view(a), history: history.get(a.id), officials: officials.filter((o) => o.uscc === a.uscc) };
      }
      if (id && action && method === 'POST') return act(who, get(who, id), action, b);
      return undefined;
    }
    if (head === 'appeal-reminders' && method === 'GET') {
      if (!['dispatcher', 'handler', 'analyst', 'admin'].includes(who.user.role)) throw forbidden('reminders: dispatchers, handlers, analysts, admins');
      const d = q.get('today') || today();
      const next = addWorkdays(d, 1);
      const reminders = [];
      for (const a of appeals.filter((x) => visible(who, x) && ['dispatched', 'in_progress', 'returned'].includes(x.state))) {
        const ds = [];
        if (!a.first_response_at && a.response_due) ds.push(['response', a.response_due]);
        if (a.due) ds.push(['handling', a.due]);
        for (const [deadline, due] of ds) {
          if (d > due) reminders.push({ appeal_id: a.id, deadline, kind: 'overdue', due });
          else if (due === next) reminders.push({ appeal_id: a.id, deadline, kind: 'due_tomorrow', due });
        }
      }
      return { reminders };
    }
    if (head === 'service' && id === 'metrics' && method === 'GET') {
      aggregatesOnly(who);
      const r = scopeRegion(who, q);
      let xs = appeals.filter((a) => ancestors(regions, a.region).includes(r));
      if (q.get('unit')) xs = xs.filter((a) => a.unit === q.get('unit'));
      if (q.get('category')) xs = xs.filter((a) => a.category === q.get('category'));
      if (q.get('from')) xs = xs.filter((a) => bjDate(a.filed_at).slice(0, 7) >= q.get('from'));
      if (q.get('to')) xs = xs.filter((a) => bjDate(a.filed_at).slice(0, 7) <= q.get('to'));
      const g = q.get('group_by') || 'total';
      if (!['total', 'region', 'unit', 'category', 'period'].includes(g)) throw badArg('group_by: total, region, unit, category or period');
      const keyOf = { total: () => 'total', region: (a) => a.region, unit: (a) => a.unit, category: (a) => a.category, period: (a) => bjDate(a.filed_at).slice(0, 7) }[g];
      const groups = new Map();
      for (const a of xs) {
        const k = keyOf(a);
        if (!groups.has(k)) groups.set(k, []);
        groups.get(k).push(a);
      }
      if (g === 'total' && !groups.size) groups.set('total', []);
      return { rows: [...groups].sort(([a], [c]) => (a < c ? -1 : 1)).map(([k, v]) => metricsRow(k, v)), resolution_target: { id: 'henan2022.1.appeal_resolution_rate', percent: 96 } };
    }
    if (head === 'service' && id === 'coverage' && method === 'GET') {
      aggregatesOnly(who);
      const r = scopeRegion(who, q);
      const by = q.get('by') || 'region';
      const es = enterprises.filter((e) => ancestors(regions, e.region).includes(r));
      const covered = new Set(officials.map((o) => o.uscc));
      const groups = new Map();
      for (const e of es) {
        const keys = by === 'tag' ? (e.tags.length ? e.tags : []) : [by === 'size' ? e.size : e.region];
        for (const k of keys) {
          if (!groups.has(k)) groups.set(k, [0, 0]);
          const g = groups.get(k);
          g[1]++;
          if (covered.has(e.uscc)) g[0]++;
        }
      }
      return { rows: [...groups].sort(([a], [c]) => (a < c ? -1 : 1)).map(([key, [num, den]]) => ({ key, covered: rate(num, den) })) };
    }
    if (head === 'enterprises' && action === 'officials' && method === 'GET') {
      const e = byUscc.get(id);
      if (!e) throw notFound(`unknown enterprise ${id}`);
      if (who.user.role === 'enterprise' && who.user.uscc !== id) throw notFound(`unknown enterprise ${id}`);
      return { officials: officials.filter((o) => o.uscc === id) };
    }
    if (head === 'matchmaking' && method === 'GET') {
      aggregatesOnly(who);
      if (!id) return { events };
      if (id === 'totals') {
        const year = q.get('year');
        const xs = year ? events.filter((e) => e.date.startsWith(year)) : events;
        const byType = Object.fromEntries(types.map((t) => [t, xs.filter((e) => e.type === t).length]));
        return {
          events_by_type: byType, finance_events: byType.finance, financing_amount: xs.reduce((s, e) => s + e.financing_amount, 0), research_results: xs.reduce((s, e) => s + e.research_results, 0),
          hires: xs.reduce((s, e) => s + e.hires, 0), enterprises: new Set(xs.flatMap((e) => e.participants)).size, targets: { finance_events: 100, financing_amount: 1000, research_results: 100 },
        };
      }
    }
    return undefined;
  };
}
