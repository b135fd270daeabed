// ECharts with only the parts the UI uses (keeps the bundle small).
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, LineChart, MapChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  GraphChart,
  LineChart,
  MapChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption as EChartsOption } from 'echarts/core';

/** Chinese convention: red is up, green is down. */
export const UP = '#d4382c';
export const DOWN = '#1a9850';
export const PALETTE = ['#1f4e8c', '#e8833a', '#3ba272', '#9a60b4', '#5470c6', '#fac858', '#73c0de', '#ee6666'];
