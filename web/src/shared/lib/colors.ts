// Chart colours, apart from ECharts itself: a page can colour figures without loading the library.

/** Chinese convention: red is up, green is down. */
export const UP = '#d4382c';
export const DOWN = '#1a9850';
export const PALETTE = ['#1f4e8c', '#e8833a', '#3ba272', '#9a60b4', '#5470c6', '#fac858', '#73c0de', '#ee6666'];
