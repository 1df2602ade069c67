import { get, seg, SignInRequired } from '../api';
import { navigate, onLeave } from '../app';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { childrenOption, historyOption, mapOption, mount, occupationsOption, type HistoryPoint, type MapSite,
  type OccupationRow } from '../charts';
import { Coalescer } from '../coalesce';
import { append, clear, h, link, section } from '../dom';
import { count, percent } from '../format';
import { kindLabel, lang, t } from '../i18n';
import { sortWorstFirst, specOf, tileSpecs, valueOf, verdictOf, type ChildIndicators, type IndicatorKey,
  type Indicators } from '../indicators';
import { renderAlerts, type SiteAlerts } from './alerts';
import { renderCard, type SiteCard } from './card';
import type { SiteHit } from './search';

interface SiteRecord {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  children: string[];
}

/** Null instead of a failure for the optional panels, so one missing endpoint does not blank the page. */
async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof SignInRequired) {
      throw error;
    }
    return null;
  }
}

/** The start page: the root of the network (found through any site's path), else the search. */
export async function renderHome(view: HTMLElement): Promise<void> {
  const any = await get<{ items: SiteHit[] }>('/api/sites/search?q=%E5%B0%B1%E4%B8%9A%E4%B9%8B%E5%AE%B6&limit=1');
  const first = any.items[0];
  if (!first) {
    view.append(h('h1', {}, t('appTitle')), h('p', {}, t('noData')));
    return;
  }
  const path = await get<{ items: SiteHit[] }>(`/api/sites/${seg(first.code)}/path`);
  const root = path.items[0] ?? first;
  navigate(`/site/${encodeURIComponent(root.code)}`, true);
}

const verdictIcon = { met: '✓', notMet: '✗', noTarget: '·' } as const;
const verdictText = { met: 'met', notMet: 'notMet', noTarget: 'noTarget' } as const;

/** One indicator tile: value, target and verdict in words and icon, never colour alone. */
function tile(key: IndicatorKey): HTMLElement {
  return h('div', { class: 'tile', 'data-indicator': key, role: 'group', 'aria-labelledby': `tile-${key}` },
    h('div', { class: 'tile-label', id: `tile-${key}` }, t(specOf(key).key)),
    h('div', { class: 'tile-value' }, '–'),
    h('div', { class: 'tile-verdict' }));
}

/** Writes the indicators into the tiles. */
export function fillTiles(container: HTMLElement, indicators: Indicators): void {
  for (const spec of tileSpecs) {
    const el = container.querySelector<HTMLElement>(`.tile[data-indicator="${spec.key}"]`);
    if (!el) {
      continue;
    }
    const value = valueOf(indicators, spec.key);
    el.dataset.value = value === null ? '' : String(value);
    (el.querySelector('.tile-value') as HTMLElement).textContent = spec.format(value);
    const { verdict, target } = verdictOf(indicators, spec.key);
    el.dataset.verdict = verdict;
    const line = el.querySelector('.tile-verdict') as HTMLElement;
    clear(line);
    const targetText = target === null ? '' : ` · ${t('target')} ${spec.format(target)}`;
    append(line, h('span', { class: 'icon', 'aria-hidden': 'true' }, verdictIcon[verdict]),
      ` ${t(verdictText[verdict])}${targetText}`);
  }
  const asOf = container.querySelector('.as-of');
  if (asOf) {
    asOf.textContent = `${t('asOf')} ${indicators.asOf}`;
  }
}

/** Opens the SSE feed of a site and updates the tiles (at most 4 renders a second). */
function liveTiles(container: HTMLElement, code: string): void {
  if (typeof EventSource === 'undefined') {
    return;
  }
  const state = container.querySelector('.live-state') as HTMLElement;
  const coalescer = new Coalescer<Indicators>((value) => fillTiles(container, value), 250);
  const source = new EventSource(`/api/indicators/${seg(code)}/live`);
  source.addEventListener('indicators', (event) => {
    state.textContent = `● ${t('live')}`;
    state.dataset.state = 'open';
    coalescer.push(JSON.parse((event as MessageEvent<string>).data) as Indicators);
  });
  source.addEventListener('error', () => {
    state.textContent = `○ ${t('liveOff')}`;
    state.dataset.state = 'lost';
  });
  onLeave(() => source.close());
}

/** The site page: breadcrumbs, tiles, charts, children, alerts, card, exports. */
export async function renderSite(view: HTMLElement, code: string): Promise<void> {
  const c = seg(code);
  // The page appears as soon as the site, its tiles and its children are in; the slower panels (history,
  // occupations, map, alerts, card) fill in when their answers arrive.
  const history = optional(get<{ points: HistoryPoint[] }>(`/api/indicators/${c}/history`));
  const occupations = optional(get<{ items: OccupationRow[] }>(`/api/sites/${c}/occupations`));
  const sites = optional(get<{ items: MapSite[] }>(`/api/sites/${c}/map`));
  const alerts = optional(get<SiteAlerts>(`/api/sites/${c}/alerts`));
  const card = optional(get<SiteCard>(`/api/sites/${c}/card`));
  const [site, path, indicators, children] = await Promise.all([
    get<SiteRecord>(`/api/sites/${c}`),
    optional(get<{ items: SiteHit[] }>(`/api/sites/${c}/path`)),
    get<Indicators>(`/api/indicators/${c}`),
    optional(get<{ items: ChildIndicators[] }>(`/api/sites/${c}/children/indicators`)),
  ]);

  const crumbs = h('ol', {});
  for (const item of path?.items ?? [{ code: site.code, name: site.name, kind: site.kind, parentCode: null }]) {
    crumbs.append(h('li', {}, item.code === site.code
      ? h('span', { 'aria-current': 'page' }, item.name)
      : link(`/site/${encodeURIComponent(item.code)}`, item.name)));
  }
  view.append(
    h('nav', { class: 'breadcrumbs', 'aria-label': t('breadcrumbs') }, crumbs),
    h('h1', {}, site.name, ' ', h('small', {}, `${kindLabel(site.kind)} · ${site.code}`)),
  );

  const tiles = h('div', { class: 'tiles' }, ...tileSpecs.map((s) => tile(s.key)));
  const tilesPanel = section('indicators', t('indicators'),
    h('p', { class: 'meta' }, h('span', { class: 'as-of' }), ' ', h('span', { class: 'live-state', 'aria-live': 'polite' })),
    tiles);
  view.append(tilesPanel);
  fillTiles(tilesPanel, indicators);
  liveTiles(tilesPanel, code);

  const grid = h('div', { class: 'grid' });
  view.append(grid);
  grid.append(childrenPanel(view, children?.items ?? []));
  const mounted = new Promise<void>((resolve) => view.addEventListener('mounted', () => resolve(), { once: true }));
  grid.append(chartPanel('history', t('history'), '', mounted, history, (d) => d.points.length ? historyOption(d.points) : null));
  grid.append(chartPanel('occupations', t('occupations'), '', mounted, occupations,
    (d) => d.items.length ? occupationsOption(d.items, lang()) : null));
  grid.append(chartPanel('map', t('map'), 'chart-map', mounted, sites, (d) => d.items.length ? mapOption(d.items) : null,
    (chart, d) => chart.on('click', (params) => {
      const name = (params as { name?: string }).name;
      const hit = d.items.find((s) => s.name === name);
      if (hit) {
        navigate(`/site/${encodeURIComponent(hit.code)}`);
      }
    })));

  view.append(later('alerts', t('alerts'), alerts, renderAlerts));
  view.append(later('card', t('siteCard'), card, renderCard));
  view.append(exportsPanel(code));
}

/** A panel that shows "loading" until <paramref name="data"/> arrives, then the element <paramref name="render"/> makes. */
function later<T>(id: string, title: string, data: Promise<T | null>, render: (value: T | null) => HTMLElement): HTMLElement {
  const placeholder = section(id, title, h('p', { class: 'loading' }, t('loading')));
  void data.then((value) => placeholder.replaceWith(render(value)), () => undefined);
  return placeholder;
}

/** A chart panel filled once the page is in the document and its data has arrived. */
function chartPanel<T>(id: string, title: string, extraClass: string, mounted: Promise<void>, data: Promise<T | null>,
  option: (value: T) => EChartsCoreOption | null, wire?: (chart: ECharts, value: T) => void): HTMLElement {
  const chart = h('div', { class: `chart ${extraClass}`.trim(), role: 'img', 'aria-label': title });
  const status = h('p', { class: 'loading' }, t('loading'));
  const panel = section(id, title, status, chart);
  chart.hidden = true;
  void Promise.all([mounted, data]).then(([, value]) => {
    const built = value === null ? null : option(value);
    if (built === null || value === null) {
      status.className = '';
      status.textContent = t('noData');
      return;
    }
    status.remove();
    chart.hidden = false;
    if (chart.isConnected) {
      const instance = mount(chart, built);
      wire?.(instance, value);
    }
  }, () => undefined);
  return panel;
}

/** Children compared: a sortable bar chart (worst first) and the table that drills down. */
function childrenPanel(view: HTMLElement, children: ChildIndicators[]): HTMLElement {
  if (children.length === 0) {
    return section('children', t('children'), h('p', {}, t('noChildren')));
  }
  let key: IndicatorKey = 'employmentRate';
  let reverse = false;
  const chart = h('div', { class: 'chart chart-children', role: 'img', 'aria-label': t('children') });
  const tbody = h('tbody', {});
  const select = h('select', { id: 'children-metric' }, ...tileSpecs.map((s) => h('option', { value: s.key }, t(s.key))));
  const sortButton = h('button', { type: 'button', id: 'children-sort', 'aria-pressed': 'false' }, t('childrenSort'));

  const draw = () => {
    const sorted = sortWorstFirst(children, key, reverse);
    if (chart.isConnected) {
      chart.classList.toggle('tall', sorted.length > 12);
      mount(chart, childrenOption(sorted, key));
    }
    clear(tbody);
    for (const child of sorted) {
      const i = child.indicators;
      tbody.append(h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `/site/${encodeURIComponent(child.code)}`, 'data-route': 'true',
          'data-site': child.code }, child.name)),
        h('td', {}, kindLabel(child.kind)),
        h('td', { class: 'num' }, percent(i.employmentRate)),
        h('td', { class: 'num' }, count(i.unemployed)),
        h('td', { class: 'num' }, count(i.zeroEmploymentHouseholdsOverdue)),
        h('td', { class: 'num' }, specOf(key).format(valueOf(i, key)))));
    }
    sortButton.textContent = reverse ? t('childrenSortBest') : t('childrenSort');
    sortButton.setAttribute('aria-pressed', String(reverse));
  };
  select.addEventListener('change', () => {
    key = select.value as IndicatorKey;
    draw();
  });
  sortButton.addEventListener('click', () => {
    reverse = !reverse;
    draw();
  });
  view.addEventListener('mounted', draw);
  draw();
  return section('children', t('children'),
    h('div', { class: 'controls' }, h('label', { for: 'children-metric' }, t('metric')), select, sortButton),
    chart,
    h('div', { class: 'table-wrap' }, h('table', { class: 'children-table' },
      h('caption', {}, t('childList')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('name')), h('th', { scope: 'col' }, t('kind')),
        h('th', { scope: 'col' }, t('employmentRate')), h('th', { scope: 'col' }, t('unemployed')),
        h('th', { scope: 'col' }, t('zeroEmploymentHouseholdsOverdue')), h('th', { scope: 'col' }, t('metric')))),
      tbody)));
}

/** Download links for the weekly dispatch meeting (周调度). */
function exportsPanel(code: string): HTMLElement {
  const base = `/api/sites/${seg(code)}/export`;
  return section('exports', t('exports'), h('ul', { class: 'links' },
    h('li', {}, h('a', { href: `${base}?format=xlsx`, download: '' }, t('exportXlsx'))),
    h('li', {}, h('a', { href: `${base}?format=csv&part=children`, download: '' }, t('exportChildrenCsv'))),
    h('li', {}, h('a', { href: `${base}?format=csv&part=alerts`, download: '' }, t('exportAlertsCsv')))));
}
