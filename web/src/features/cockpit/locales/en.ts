// English text of 驾驶舱 the cockpit; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
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
};
export default en;
