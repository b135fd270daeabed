// English text of 数据查询 the explorer; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
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
    industryGroup: 'Industry group',
    noGroup: 'None',
    tag: 'Tags',
    tagPlaceholder: 'tags, comma-separated',
    parentRow: '{name} (total)',
  },
};
export default en;
