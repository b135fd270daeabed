// Chinese text (the default) of 数据查询 the explorer.
export default {
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
    industryGroup: '行业组',
    noGroup: '不限',
    tag: '企业标签',
    tagPlaceholder: '如 外资,专精特新',
    parentRow: '{name}（合计）',
  },
};
