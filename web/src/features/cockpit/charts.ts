// The cockpit's charts and the loading of the industry divisions' pulls, apart from the page.
import { api, type Row, type SeriesPoint, type TableResponse } from '../../api/client';
import { DOWN, PALETTE, UP } from '../../shared/lib/colors';
import type { EChartsOption } from '../../shared/lib/echarts';
import { displayUnit, formatGrowth, formatMeasure, formatPoints, isNum, measureNumber, measureUnit, periodLabel, type UnitMode } from '../../shared/lib/format';
import { INDUSTRY_ROOT, janFebMerged, measureName } from '../../shared/lib/catalog';
import { locale, t } from '../../shared/lib/i18n';
import { figureView } from '../../shared/lib/disclosure';

/** Monthly value (bars) and monthly and cumulative growth (lines) over the periods of `pts`. */
export function trendChart(pts: SeriesPoint[], o: { unitOf: string; unit: UnitMode; derived: boolean; target?: number | null }): EChartsOption | null {
  if (!pts.length) return null;
  const u = displayUnit(o.unitOf, o.unit, locale.value);
  const derived = o.derived;
  const val = (x: number | null | undefined) => measureNumber('value', x, o.unitOf, o.unit);
  const series: unknown[] = [
    {
      name: locale.value === 'en' ? `${t('common.thisMonth')} (${u})` : `${t('common.thisMonth')}（${u}）`,
      type: 'bar',
      yAxisIndex: 1,
      data: pts.map((p) => val(p.values.value)),
      itemStyle: { color: '#c7d7ee' },
      barMaxWidth: 14,
    },
  ];
  if (!derived) {
    series.push(
      { name: t('cockpit.trendMonthly'), type: 'line', data: pts.map((p) => (isNum(p.values.yoy) ? p.values.yoy : null)), symbolSize: 5, itemStyle: { color: PALETTE[1] }, connectNulls: false },
      {
        name: t('cockpit.trendCumulative'),
        type: 'line',
        data: pts.map((p) => (isNum(p.values.ytd_yoy) ? p.values.ytd_yoy : null)),
        symbolSize: 5,
        itemStyle: { color: PALETTE[0] },
        lineStyle: { width: 2.5 },
        connectNulls: false,
        // the region's growth target (policy catalog), as a dashed line on the growth axis
        markLine: isNum(o.target)
          ? { silent: true, symbol: 'none', lineStyle: { color: UP, type: 'dashed', width: 1.5 }, label: { formatter: t('cockpit.targetLine', { value: formatGrowth(o.target) }), position: 'insideEndTop', color: UP, fontSize: 11 }, data: [{ yAxis: o.target }] }
          : undefined,
      },
    );
  }
  return {
    grid: { left: 48, right: 56, top: 58, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: Array<{ dataIndex: number; seriesName: string; value: number | null; marker: string; seriesIndex: number }>) => {
        const p = pts[ps[0]?.dataIndex ?? 0];
        if (!p) return '';
        const lines = [`<b>${periodLabel(p.period, 'month', locale.value, { janFebMerged: janFebMerged(p.period) })}</b>`];
        for (const s of ps) {
          const f = figureView(p, s.seriesIndex === 0 ? formatMeasure('value', p.values.value, o.unitOf, o.unit) : formatGrowth(s.value));
          const txt = `${f.text}${f.mark}`;
          const label = s.seriesIndex === 2 ? `${s.seriesName}（${periodLabel(p.period, 'cumulative', locale.value)}）` : s.seriesName;
          lines.push(`${s.marker}${label}：${txt}`);
        }
        const note = figureView(p, '').title;
        if (note) lines.push(`<small>${note}</small>`);
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: pts.map((p) => p.period), axisLabel: { fontSize: 11 } },
    yAxis: [
      { type: 'value', scale: true, name: derived ? '' : '%', axisLabel: { formatter: (v: number) => `${v}` }, splitLine: { lineStyle: { color: '#eef1f6' } } },
      { type: 'value', name: u, splitLine: { show: false }, axisLabel: { fontSize: 10 } },
    ],
    series,
  } as EChartsOption;
}

export type Pull = { code: string; name: string; pull: number | null; yoy: number | null; n: number | null };

export function topBottom(rows: Pull[]): Pull[] {
  // Only children with reporting enterprises: an empty region pulls nothing, it is not "0.00".
  const def = rows.filter((r) => isNum(r.pull) && r.n !== 0).sort((a, b) => (b.pull as number) - (a.pull as number));
  return def.length <= 10 ? def : [...def.slice(0, 5), ...def.slice(-5)];
}
/** The pulls as horizontal bars, red up and green down (the Chinese convention). */
export function pullChart(rows: Pull[], unit: UnitMode): EChartsOption | null {
  if (!rows.length) return null;
  const shown = [...rows].reverse(); // echarts draws the first category at the bottom
  return {
    grid: { left: 8, right: 64, top: 6, bottom: 6, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const r = shown[ps[0]?.dataIndex ?? 0];
        return r ? `<b>${r.name}</b><br/>${measureName('contrib_pp')}：${formatPoints(r.pull)} ${measureUnit('contrib_pp', '', unit, locale.value)}<br/>${measureName('yoy')}：${formatGrowth(r.yoy)}` : '';
      },
    },
    xAxis: { type: 'value', axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { fontSize: 11, width: 120, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        data: shown.map((r) => ({ value: r.pull, itemStyle: { color: (r.pull ?? 0) >= 0 ? UP : DOWN } })),
        barMaxWidth: 16,
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => formatPoints(p.value) },
      },
    ],
  } as EChartsOption;
}

/**
 * Industries: below the all-industry root the children are sections (B, C, D); show the divisions
 * instead, their pull on the sections rescaled to the whole (pull × base(section) / base(root)).
 */
export async function divisionPulls(q: { indicator: string; measures: string[]; period: string; region: string; dim: string; sort: string }, industry: string, signal: AbortSignal): Promise<Pull[]> {
  const top = await api.table({ ...q, industry }, signal);
  if (industry !== INDUSTRY_ROOT) return top.rows.map((r): Pull => ({ code: r.code, name: r.name, pull: r.values.contrib_pp ?? null, yoy: r.values.yoy ?? null, n: r.n }));
  const parts = await Promise.all(top.rows.map((s) => api.table({ ...q, industry: s.code }, signal).then((t2): [Row, TableResponse] => [s, t2])));
  const out: Pull[] = [];
  for (const [s, sub] of parts) {
    const sp = s.values.contrib_pp;
    const sy = s.values.yoy;
    const factor = isNum(sp) && isNum(sy) && sy !== 0 ? sp / sy : null;
    for (const r of sub.rows) {
      const p = r.values.contrib_pp;
      out.push({ code: r.code, name: r.name, pull: isNum(p) && factor !== null ? p * factor : null, yoy: r.values.yoy ?? null, n: r.n });
    }
  }
  return out;
}
