// English text of 企业详情 the enterprise page; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
  enterprise: {
    searchPlaceholder: 'Search a firm by name or USCC',
    searchNone: 'No firm found',
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
export default en;
