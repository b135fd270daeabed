// English text of 通报排名 the rankings; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
  rankings: {
    title: 'Rankings',
    prevRank: 'Previous rank',
    change: 'Change',
    value: 'Value',
    chartTitle: 'Regions of {region} ranked by {measure}',
    dim: 'Rank',
    dimRegion: 'Sub-regions',
    dimPark: 'Parks',
    park: 'Park',
    parkChartTitle: 'Parks of {region} ranked by {measure}',
    parent: 'Regions under',
  },
};
export default en;
