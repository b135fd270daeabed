// Chinese text (the default) of 通报排名 the rankings.
export default {
  rankings: {
    title: '通报排名',
    prevRank: '上期位次',
    change: '位次变化',
    value: '数值',
    chartTitle: '{region}各地区{measure}排名',
    dim: '排名对象',
    dimRegion: '下级地区',
    dimPark: '园区',
    park: '园区',
    parkChartTitle: '{region}园区{measure}排名',
    parent: '参与排名的上级地区',
  },
};
