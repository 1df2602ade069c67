import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { t, type MessageKey } from './i18n';
import { rateOf, specOf, valueOf, type ChildIndicators, type IndicatorKey } from './indicators';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
  DataZoomComponent, CanvasRenderer]);

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'];

/** Viridis stops for continuous scales (employment rate): readable without hue discrimination. */
export const viridis = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

// Tooltips drawn on the canvas, not as HTML: the CSP forbids the inline styles ECharts' HTML tooltips carry.
const tooltip = { trigger: 'axis', renderMode: 'richText' } as const;

/** One point of GET /api/indicators/{code}/history. */
export interface HistoryPoint {
  date: string;
  employed: number;
  unemployed: number;
  unemployedOver3Months: number;
  zeroEmploymentHouseholds: number;
  zeroEmploymentHouseholdsOverdue: number;
  openPosts: number;
  openings: number;
  placements: number;
}

/** Indicator history: counts on the left axis, the employment rate (%) on the right. */
export function historyOption(points: readonly HistoryPoint[]): EChartsCoreOption {
  const dates = points.map((p) => p.date);
  const series = (key: keyof HistoryPoint & MessageKey) => ({
    name: t(key), type: 'line', data: points.map((p) => p[key]), showSymbol: points.length < 40,
  });
  return {
    color: palette,
    tooltip,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: 'category', data: dates },
    yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      {
        name: t('employmentRate'), type: 'line', yAxisIndex: 1, showSymbol: points.length < 40,
        data: points.map((p) => {
          const r = rateOf(p.employed, p.unemployed);
          return r === null ? null : Math.round(r * 1000) / 10;
        }),
      },
      series('employed'), series('unemployed'), series('unemployedOver3Months'), series('openings'), series('placements'),
    ],
  };
}

/** The children compared on one indicator, in the order given (the caller sorts worst first). */
export function childrenOption(children: readonly ChildIndicators[], key: IndicatorKey): EChartsCoreOption {
  const spec = specOf(key);
  const isRate = key === 'employmentRate' || key === 'registeredUnemploymentRate';
  const values = children.map((c) => {
    const v = valueOf(c.indicators, key);
    return v === null ? null : isRate ? Math.round(v * 1000) / 10 : v;
  });
  return {
    color: [palette[0]],
    tooltip: { ...tooltip, axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: isRate ? '{value}%' : '{value}' } },
    // Worst first at the top: a category axis draws its first item at the bottom, so it is inverted.
    yAxis: { type: 'category', inverse: true, data: children.map((c) => c.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ name: t(spec.key), type: 'bar', data: values, label: { show: children.length <= 25, position: 'right' } }],
  };
}

/** One row of GET /api/sites/{code}/occupations. */
export interface OccupationRow {
  majorGroup: string;
  zh: string;
  en: string;
  openings: number;
  activeSeekers: number;
}

/** Openings vs active seekers per GB/T 6565 major group. */
export function occupationsOption(rows: readonly OccupationRow[], language: 'zh' | 'en'): EChartsCoreOption {
  return {
    color: [palette[0], palette[1]],
    tooltip: { ...tooltip, axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => `${r.majorGroup} ${language === 'zh' ? r.zh : r.en}`),
      axisLabel: { interval: 0, rotate: 30, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value' },
    series: [
      { name: t('openings'), type: 'bar', data: rows.map((r) => r.openings) },
      { name: t('activeSeekers'), type: 'bar', data: rows.map((r) => r.activeSeekers) },
    ],
  };
}

/** One site of GET /api/sites/{code}/map. */
export interface MapSite {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  lat: number;
  lon: number;
  employmentRate: number | null;
}

/** Sites on longitude/latitude axes (no map tiles offline), coloured by employment rate; grey without labour force. */
export function mapOption(sites: readonly MapSite[]): EChartsCoreOption {
  const rated = sites.filter((s) => s.employmentRate !== null);
  const unrated = sites.filter((s) => s.employmentRate === null);
  const size = (kind: string) => (kind === 'village' || kind === 'community' ? 7 : kind === 'township' ? 11 : 15);
  return {
    tooltip: { trigger: 'item', renderMode: 'richText' },
    grid: { left: 8, right: 72, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: t('longitude'), scale: true },
    yAxis: { type: 'value', name: t('latitude'), scale: true },
    visualMap: {
      type: 'continuous', min: 0, max: 100, dimension: 2, seriesIndex: 0, right: 0, top: 'middle',
      text: ['100%', '0%'], calculable: false, inRange: { color: viridis },
    },
    series: [
      {
        name: t('employmentRate'), type: 'scatter',
        data: rated.map((s) => ({ name: s.name, value: [s.lon, s.lat, Math.round((s.employmentRate ?? 0) * 1000) / 10],
          symbolSize: size(s.kind) })),
      },
      {
        name: t('noData'), type: 'scatter', itemStyle: { color: '#999999' },
        data: unrated.map((s) => ({ name: s.name, value: [s.lon, s.lat, null], symbolSize: size(s.kind) })),
      },
    ],
  };
}

/** A chart bound to an element; disposed when the page changes. */
export function mount(element: HTMLElement, option: EChartsCoreOption): echarts.ECharts {
  const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option, true);
  return chart;
}

/** Disposes every chart under <paramref name="root"/>. */
export function disposeAll(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('.chart').forEach((el) => echarts.getInstanceByDom(el)?.dispose());
}

/** Resizes every chart under <paramref name="root"/> (window resize, phone rotation). */
export function resizeAll(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('.chart').forEach((el) => echarts.getInstanceByDom(el)?.resize());
}
