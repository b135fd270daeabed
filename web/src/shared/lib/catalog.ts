// Catalogs (regions, industries, indicators, measures, periods) loaded once and shared.
import { computed, reactive } from 'vue';
import { api, ApiError, type Indicator, type Measure, type TreeNode } from '../../api/client';
import { locale } from './i18n';
import { scope } from './auth';

interface Index {
  node: Map<string, TreeNode>;
  parent: Map<string, string>;
}

function index(root: TreeNode | null): Index {
  const node = new Map<string, TreeNode>();
  const parent = new Map<string, string>();
  if (!root) return { node, parent };
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    node.set(n.code, n);
    for (const c of n.children ?? []) {
      parent.set(c.code, n.code);
      stack.push(c);
    }
  }
  return { node, parent };
}

export const catalog = reactive({
  ready: false,
  error: null as ApiError | null,
  indicators: [] as Indicator[],
  measures: [] as Measure[],
  periods: [] as string[],
  latest: null as string | null,
  regionTree: null as TreeNode | null,
  industryTree: null as TreeNode | null,
});

let regionIndex: Index = index(null);
let industryIndex: Index = index(null);
let loading: Promise<void> | null = null;

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client', (e as Error)?.message ?? String(e));
}

export function loadCatalog(force = false): Promise<void> {
  if (loading && !force) return loading;
  catalog.error = null;
  loading = (async () => {
    try {
      const [indicators, measures, periods, regions, industries] = await Promise.all([
        api.indicators(),
        api.measures(),
        api.periods(),
        api.regions(),
        api.industries(),
      ]);
      catalog.indicators = indicators;
      catalog.measures = measures;
      catalog.periods = [...(periods.periods ?? [])].sort();
      catalog.latest = periods.latest ?? catalog.periods[catalog.periods.length - 1] ?? null;
      regionIndex = index(regions);
      industryIndex = index(industries);
      catalog.regionTree = regions;
      catalog.industryTree = industries;
      catalog.ready = true;
    } catch (e) {
      catalog.error = toApiError(e);
      loading = null;
    }
  })();
  return loading;
}

/** Refresh the list of periods (after an import). */
export async function reloadPeriods(): Promise<void> {
  const p = await api.periods();
  catalog.periods = [...(p.periods ?? [])].sort();
  catalog.latest = p.latest ?? catalog.periods[catalog.periods.length - 1] ?? null;
}

export const REGION_ROOT = '100000';
export const INDUSTRY_ROOT = 'BCD';

/** The shipped industry groups (data/groups/README.md): code, Chinese and English label. */
export const INDUSTRY_GROUPS: { code: string; zh: string; en: string }[] = [
  { code: '@hightech', zh: '高技术制造业', en: 'High-technology manufacturing' },
  { code: '@equipment', zh: '装备制造业', en: 'Equipment manufacturing' },
  { code: '@energy6', zh: '六大高耗能行业', en: 'Six energy-intensive industries' },
  { code: '@consumer', zh: '消费品制造业', en: 'Consumer goods manufacturing' },
  { code: '@raw', zh: '原材料制造业', en: 'Raw materials manufacturing' },
];
function groupName(code: string): string | undefined {
  const g = INDUSTRY_GROUPS.find((x) => x.code === code);
  return g ? (locale.value === 'en' ? g.en : g.zh) : undefined;
}

export function regionNode(code: string): TreeNode | undefined {
  return regionIndex.node.get(code);
}
export function industryNode(code: string): TreeNode | undefined {
  return industryIndex.node.get(code);
}
export function regionName(code: string): string {
  if (code === REGION_ROOT && locale.value === 'en') return 'China';
  return regionIndex.node.get(code)?.name ?? code;
}
export function industryName(code: string): string {
  if (code === INDUSTRY_ROOT && locale.value === 'en') return 'Industry (B–D)';
  return industryIndex.node.get(code)?.name ?? groupName(code) ?? code;
}
export function regionParent(code: string): string | undefined {
  return regionIndex.parent.get(code);
}
export function industryParent(code: string): string | undefined {
  return industryIndex.parent.get(code);
}
/** Root first: ['100000', '410000', '410100']. */
export function regionPath(code: string): string[] {
  const out: string[] = [];
  for (let c: string | undefined = code; c; c = regionIndex.parent.get(c)) out.unshift(c);
  return out;
}
export function industryPath(code: string): string[] {
  const out: string[] = [];
  for (let c: string | undefined = code; c; c = industryIndex.parent.get(c)) out.unshift(c);
  return out;
}
export function hasRegionChildren(code: string): boolean {
  return (regionIndex.node.get(code)?.children?.length ?? 0) > 0;
}
export function hasIndustryChildren(code: string): boolean {
  return (industryIndex.node.get(code)?.children?.length ?? 0) > 0;
}

export function indicator(code: string): Indicator | undefined {
  return catalog.indicators.find((i) => i.code === code);
}
export function indicatorName(code: string): string {
  const i = indicator(code);
  if (!i) return code;
  return locale.value === 'en' ? i.name_en : i.name_zh;
}
/** An indicator as an option of a select, in the UI's language. */
export function indicatorOption(i: Indicator): { value: string; label: string } {
  return { value: i.code, label: locale.value === 'en' ? i.name_en : i.name_zh };
}
export function indicatorUnit(code: string): string {
  return indicator(code)?.unit ?? '';
}
// Short column names as analysts say them; the catalog's names are the fallback for new measures.
const measureNames: Record<string, [string, string]> = {
  value: ['本月值', 'Month'],
  ytd: ['本年累计', 'Year to date'],
  yoy: ['同比增速', 'YoY growth'],
  ytd_yoy: ['累计增速', 'YTD growth'],
  yoy_2y: ['两年平均增速', 'Two-year avg. growth'],
  contrib_pp: ['拉动', 'Pull'],
  contrib_share: ['贡献率', 'Contribution'],
  share: ['占比', 'Share'],
  n: ['企业数', 'Firms'],
  growth_breadth: ['增长面', 'Growth breadth'],
  roster: ['规上企业数', 'On the roster'],
  entrants: ['新增规上企业', 'Entries'],
  exits: ['退出规上企业', 'Exits'],
  report_rate: ['报送率', 'Reporting rate'],
  yoy_real: ['可比价增速', 'Real growth'],
  ytd_yoy_real: ['可比价累计增速', 'Real YTD growth'],
  mom_sa: ['季调环比', 'SA MoM growth'],
  quarter: ['季度值', 'Quarter'],
  quarter_yoy: ['季度增速', 'Quarterly growth'],
  half: ['半年值', 'Half-year'],
  half_yoy: ['半年增速', 'Half-year growth'],
  quarter_yoy_real: ['可比价季度增速', 'Real quarterly growth'],
  half_yoy_real: ['可比价半年增速', 'Real half-year growth'],
};
export function measureName(code: string): string {
  const own = measureNames[code];
  if (own) return locale.value === 'en' ? own[1] : own[0];
  const m = catalog.measures.find((x) => x.code === code);
  if (!m) return code;
  return (locale.value === 'en' ? m.name_en : m.name_zh) || m.name_zh || code;
}
const FLOW_ONLY = new Set(['mom_sa', 'quarter', 'quarter_yoy', 'half', 'half_yoy', 'quarter_yoy_real', 'half_yoy_real']);
/** Measures a derived indicator (a ratio) supports; all of them for the others. */
export function measuresFor(indicatorCode: string): string[] {
  const all = catalog.measures.map((m) => m.code);
  const ind = indicator(indicatorCode);
  // Region series (investment, GDP, grid electricity): the published figures and their growth.
  if (ind?.kind === 'region') return all.filter((m) => m === 'value' || m === 'ytd' || m === 'yoy' || m === 'ytd_yoy');
  if (ind?.derived) return all.filter((m) => m === 'value' || m === 'ytd' || m === 'n');
  // mom_sa (seasonally adjusted 环比) and the quarter and half-year sums are defined for flows only.
  return ind && ind.kind !== 'flow' ? all.filter((m) => !FLOW_ONLY.has(m)) : all;
}

export const periodsDesc = computed(() => [...catalog.periods].reverse());

// Flow indicators are published for January and February together (1–2月): January alone is not
// offered for them. An indicator listed here publishes January anyway (none by default).
const JANUARY_PUBLISHED = new Set<string>([]);
/** Whether January alone is a period to offer for this indicator (stocks and ratios: yes). */
export function januaryPublished(indicatorCode: string): boolean {
  if (JANUARY_PUBLISHED.has(indicatorCode)) return true;
  const i = indicator(indicatorCode);
  return !i || i.kind !== 'flow';
}

/** Whether January of the period's year has data at all (else February reads 1-2月). */
export function janFebMerged(period: string): boolean {
  if (!period.endsWith('-02')) return false;
  return !catalog.periods.includes(`${period.slice(0, 4)}-01`);
}

let dataRootPromise: Promise<string> | null = null;
/**
 * The region the user starts on: a scoped user's scope (the server refuses anything above it);
 * for a user of the whole country, the one province with data (a provincial deployment), else the
 * whole country. Used as the default region of the cockpit, the explorer and the rankings.
 */
export function dataRoot(): Promise<string> {
  if (dataRootPromise) return dataRootPromise;
  dataRootPromise = (async () => {
    if (scope.value !== REGION_ROOT) return scope.value;
    await loadCatalog();
    if (!catalog.latest) return REGION_ROOT;
    try {
      const t = await api.table({ indicator: catalog.indicators.find((i) => !i.derived)?.code ?? 'output_value', measures: ['n'], period: catalog.latest, region: REGION_ROOT, dim: 'region' });
      const withData = t.rows.filter((r) => (r.n ?? r.values.n ?? 0) > 0);
      return withData.length === 1 ? withData[0].code : REGION_ROOT;
    } catch {
      return REGION_ROOT;
    }
  })();
  return dataRootPromise;
}
export function resetDataRoot(): void {
  dataRootPromise = null;
}
