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
    targetLine: 'Target {value}',
    targetKpi: 'target {value}',
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
    flashTitle: 'Flash estimate for {period}',
    flashGrowth: 'Growth on a year earlier (estimate)',
    flashError: 'Expected error ±{err} points (backtest of {n} months)',
    flashNoError: 'No backtest error yet',
    flashReported: '{share}% of enterprises reported ({base}% of last year\'s output)',
    flashNote: 'Enterprises yet to report are estimated from their electricity or their industry\'s growth; the final figure replaces this once reports are in',
    openExplorer: 'Open in the explorer',
  },
};
export default en;
