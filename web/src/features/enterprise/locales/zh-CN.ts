// Chinese text (the default) of 企业详情 the enterprise page.
export default {
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
