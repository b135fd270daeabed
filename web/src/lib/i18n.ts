// A small dictionary: Chinese first, English from the switch in the header. Missing keys fall back
// to Chinese and then to the key itself (the e2e tests look for raw keys on every page).
import { computed, ref } from 'vue';
import type { Locale } from './format';

const zh = {
  app: { title: '工业经济运行监测', short: 'Ballast' },
  nav: { cockpit: '驾驶舱', explorer: '数据查询', rankings: '通报排名', imports: '数据导入', enterprise: '企业详情' },
  header: { period: '报告期', unit: '单位', language: '语言' },
  common: {
    loading: '加载中…',
    retry: '重试',
    empty: '暂无数据',
    error: '请求失败',
    networkError: '无法连接服务器',
    region: '地区',
    industry: '行业',
    indicator: '指标',
    measure: '度量',
    measures: '度量',
    period: '期间',
    from: '起',
    to: '止',
    rank: '位次',
    code: '代码',
    name: '名称',
    n: '企业数',
    total: '合计',
    unit: '单位',
    export: '导出',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    select: '请选择',
    search: '搜索',
    all: '全部',
    back: '返回',
    yes: '是',
    no: '否',
    rows: '{n} 行',
    notFound: '页面不存在',
    noData: '库中还没有数据：请先导入企业名录和月度数据。',
    home: '回到驾驶舱',
    up: '上升',
    down: '下降',
    same: '持平',
    thisMonth: '当月',
    cumulative: '累计',
    growth: '增长',
    yoy: '同比',
  },
  unit: { wan: '万元', yi: '亿元' },
  cockpit: {
    title: '工业经济运行驾驶舱',
    headline: '主要指标',
    mapTitle: '{region}各地区{indicator}{measure}',
    mapMeasure: '着色度量',
    trendTitle: '{indicator}增速走势',
    trendMonthly: '当月同比',
    trendCumulative: '累计同比',
    topRegions: '地区拉动',
    topIndustries: '行业拉动',
    contribHint: '对{parent}当月增长的拉动（百分点），前五与后五',
    contribIndustryHint: '行业大类对{parent}当月增长的拉动（百分点），前五与后五',
    noChildren: '{region}没有下级地区',
    drillHint: '点击地图或列表下钻',
    breadcrumbRoot: '全国',
    declining: '{n} 个地区累计增速下降',
    thisMonthValue: '当月 {value} {unit}',
    ytdLabel: '{period}累计',
    monthLabel: '{period}当月',
    noMap: '{region}暂无地图，显示上级地图',
    openExplorer: '在数据查询中打开',
  },
  explorer: {
    title: '数据查询',
    dim: '展开维度',
    dimRegion: '按地区',
    dimIndustry: '按行业',
    dimEnterprise: '按企业',
    mode: '时间',
    modePeriod: '单期',
    modeRange: '区间',
    sortHint: '点击列头排序；点击名称下钻',
    chartTitle: '{measure}（{unit}）',
    rowsShown: '共 {n} 行',
    drill: '下钻',
    enterpriseLink: '查看企业',
    up: '上一级',
    parentRow: '{name}（合计）',
  },
  rankings: {
    title: '通报排名',
    prevRank: '上期位次',
    change: '位次变化',
    value: '数值',
    chartTitle: '{region}各地区{measure}排名',
    parent: '参与排名的上级地区',
  },
  imports: {
    title: '数据导入',
    drop: '将 CSV 或 XLSX 文件拖到此处，或',
    click: '点击上传',
    tip: '观测数据表头：{obs}；企业名录表头：{ent}',
    uploading: '正在上传并校验…',
    result: '校验结果',
    imported: '导入成功',
    unchanged: '文件未变化（与已有批次相同）',
    failed: '校验未通过，未导入任何数据',
    errors: '错误',
    warnings: '警告',
    errorCount: '{n} 个错误',
    warningCount: '{n} 个警告',
    line: '行',
    column: '列',
    errCode: '类型',
    message: '说明',
    value: '原值',
    history: '导入批次',
    batch: '批次',
    kind: '类型',
    file: '文件',
    format: '格式',
    sha256: 'SHA-256',
    rows: '行数',
    user: '导入人',
    createdAt: '导入时间',
    noErrors: '没有错误',
    wholeFile: '整个文件',
    listed: '仅列出前 {n} 条',
    kinds: { observations: '观测数据', enterprises: '企业名录' } as Record<string, string>,
  },
  enterprise: {
    title: '企业详情',
    uscc: '统一社会信用代码',
    size: '规模',
    tags: '标签',
    sizes: { large: '大型', medium: '中型', small: '小型', micro: '微型' } as Record<string, string>,
    value: '本月',
    ytd: '本年累计',
    prior: '上年同期（报表）',
    priorYtd: '上年同期累计（报表）',
    base: '基期值',
    baseYtd: '基期累计',
    baseSource: '基期来源',
    fromReport: '报表',
    fromHistory: '12个月前',
    yoy: '同比',
    ytdYoy: '累计同比',
    chartTitle: '{indicator}：本月值与基期值（{unit}）',
    series: '月度数据',
    notFound: '未找到该企业',
  },
};

type Dict = typeof zh;

const en: Dict = {
  app: { title: 'Industrial Economy Monitor', short: 'Ballast' },
  nav: { cockpit: 'Cockpit', explorer: 'Explorer', rankings: 'Rankings', imports: 'Imports', enterprise: 'Enterprise' },
  header: { period: 'Period', unit: 'Unit', language: 'Language' },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    empty: 'No data',
    error: 'Request failed',
    networkError: 'Cannot reach the server',
    region: 'Region',
    industry: 'Industry',
    indicator: 'Indicator',
    measure: 'Measure',
    measures: 'Measures',
    period: 'Period',
    from: 'From',
    to: 'To',
    rank: 'Rank',
    code: 'Code',
    name: 'Name',
    n: 'Firms',
    total: 'Total',
    unit: 'Unit',
    export: 'Export',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    select: 'Select',
    search: 'Search',
    all: 'All',
    back: 'Back',
    yes: 'Yes',
    no: 'No',
    rows: '{n} rows',
    notFound: 'Page not found',
    noData: 'The store has no data yet: import the enterprises and the monthly data first.',
    home: 'Back to the cockpit',
    up: 'up',
    down: 'down',
    same: 'unchanged',
    thisMonth: 'Month',
    cumulative: 'Year to date',
    growth: 'growth',
    yoy: 'YoY',
  },
  unit: { wan: '10k CNY', yi: '100m CNY' },
  cockpit: {
    title: 'Industrial economy cockpit',
    headline: 'Headline figures',
    mapTitle: '{indicator}, {measure}: regions of {region}',
    mapMeasure: 'Colour by',
    trendTitle: '{indicator}: growth over time',
    trendMonthly: 'Month YoY',
    trendCumulative: 'Year-to-date YoY',
    topRegions: 'Regions by pull',
    topIndustries: 'Industries by pull',
    contribHint: 'Pull on the growth of {parent} this month (pp), top and bottom five',
    contribIndustryHint: 'Pull of divisions on {parent} this month (pp), top and bottom five',
    noChildren: '{region} has no sub-regions',
    drillHint: 'Click the map or a list to drill down',
    breadcrumbRoot: 'China',
    declining: '{n} regions with falling YTD output',
    thisMonthValue: 'Month {value} {unit}',
    ytdLabel: '{period}, year to date',
    monthLabel: '{period}',
    noMap: 'No map for {region}; showing the map above it',
    openExplorer: 'Open in the explorer',
  },
  explorer: {
    title: 'Explorer',
    dim: 'Break down by',
    dimRegion: 'Region',
    dimIndustry: 'Industry',
    dimEnterprise: 'Enterprise',
    mode: 'Time',
    modePeriod: 'Period',
    modeRange: 'Range',
    sortHint: 'Click a header to sort, a name to drill down',
    chartTitle: '{measure} ({unit})',
    rowsShown: '{n} rows',
    drill: 'Drill down',
    enterpriseLink: 'Open enterprise',
    up: 'Up one level',
    parentRow: '{name} (total)',
  },
  rankings: {
    title: 'Rankings',
    prevRank: 'Previous rank',
    change: 'Change',
    value: 'Value',
    chartTitle: 'Regions of {region} ranked by {measure}',
    parent: 'Regions under',
  },
  imports: {
    title: 'Imports',
    drop: 'Drop a CSV or XLSX file here, or',
    click: 'click to upload',
    tip: 'Observation header: {obs}; enterprise header: {ent}',
    uploading: 'Uploading and validating…',
    result: 'Validation report',
    imported: 'Imported',
    unchanged: 'Unchanged (same as an earlier batch)',
    failed: 'Validation failed; nothing was imported',
    errors: 'Errors',
    warnings: 'Warnings',
    errorCount: '{n} errors',
    warningCount: '{n} warnings',
    line: 'Line',
    column: 'Column',
    errCode: 'Code',
    message: 'Message',
    value: 'Value',
    history: 'Batches',
    batch: 'Batch',
    kind: 'Kind',
    file: 'File',
    format: 'Format',
    sha256: 'SHA-256',
    rows: 'Rows',
    user: 'User',
    createdAt: 'Imported at',
    noErrors: 'No errors',
    wholeFile: 'whole file',
    listed: 'first {n} listed',
    kinds: { observations: 'Observations', enterprises: 'Enterprises' },
  },
  enterprise: {
    title: 'Enterprise',
    uscc: 'Unified social credit code',
    size: 'Size',
    tags: 'Tags',
    sizes: { large: 'Large', medium: 'Medium', small: 'Small', micro: 'Micro' },
    value: 'Month',
    ytd: 'Year to date',
    prior: 'Prior year (reported)',
    priorYtd: 'Prior YTD (reported)',
    base: 'Base',
    baseYtd: 'Base YTD',
    baseSource: 'Base from',
    fromReport: 'report',
    fromHistory: '12 months earlier',
    yoy: 'YoY',
    ytdYoy: 'YTD YoY',
    chartTitle: '{indicator}: value and base ({unit})',
    series: 'Monthly data',
    notFound: 'Enterprise not found',
  },
};

const dicts: Record<Locale, Dict> = { zh, en };

function initialLocale(): Locale {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
    const saved = window.localStorage.getItem('ballast.locale');
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* no storage */
  }
  return 'zh';
}

export const locale = ref<Locale>(typeof window === 'undefined' ? 'zh' : initialLocale());

export function setLocale(l: Locale): void {
  locale.value = l;
  try {
    window.localStorage.setItem('ballast.locale', l);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

function lookup(d: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), d);
}

/** t('cockpit.mapTitle', {region: '河南省'}) */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let s = lookup(dicts[locale.value], key);
  if (typeof s !== 'string') s = lookup(zh, key);
  if (typeof s !== 'string') return key;
  return (s as string).replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** A map inside the dictionary (e.g. size names), for the current locale. */
export function tMap(key: string): Record<string, string> {
  const m = lookup(dicts[locale.value], key);
  return m && typeof m === 'object' ? (m as Record<string, string>) : {};
}

export const isEn = computed(() => locale.value === 'en');
