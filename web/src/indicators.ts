import type { MessageKey } from './i18n';
import { count, percent, ratio } from './format';

/** One target of the seeds as the API returns it. */
export interface Target {
  target: number;
  met: boolean;
}

/** GET /api/indicators/{code} (docs/api.md). */
export interface Indicators {
  siteCode: string;
  asOf: string;
  employed: number;
  unemployed: number;
  labourForce: number;
  employmentRate: number | null;
  registeredUnemploymentRate: number | null;
  unemployedOver3Months: number;
  zeroEmploymentHouseholds: number;
  zeroEmploymentHouseholdsOverdue: number;
  openPosts: number;
  openings: number;
  activeSeekers: number;
  postsToSeekersRatio: number | null;
  placements: number;
  targets: Partial<Record<string, Target | null>>;
}

/** Keys of the numeric indicators shown as tiles and compared across children. */
export type IndicatorKey =
  | 'employmentRate'
  | 'registeredUnemploymentRate'
  | 'unemployedOver3Months'
  | 'zeroEmploymentHouseholds'
  | 'zeroEmploymentHouseholdsOverdue'
  | 'openPosts'
  | 'openings'
  | 'postsToSeekersRatio'
  | 'placements';

/** How one indicator is shown and which direction is better. */
export interface IndicatorSpec {
  key: IndicatorKey & MessageKey;
  format: (value: number | null) => string;
  /** True when a larger value is better (sorting "worst first"). */
  higherIsBetter: boolean;
}

/** The tiles in display order. */
export const tileSpecs: readonly IndicatorSpec[] = [
  { key: 'employmentRate', format: (v) => percent(v), higherIsBetter: true },
  { key: 'registeredUnemploymentRate', format: (v) => percent(v), higherIsBetter: false },
  { key: 'unemployedOver3Months', format: count, higherIsBetter: false },
  { key: 'zeroEmploymentHouseholds', format: count, higherIsBetter: false },
  { key: 'zeroEmploymentHouseholdsOverdue', format: count, higherIsBetter: false },
  { key: 'openPosts', format: count, higherIsBetter: true },
  { key: 'openings', format: count, higherIsBetter: true },
  { key: 'postsToSeekersRatio', format: ratio, higherIsBetter: true },
  { key: 'placements', format: count, higherIsBetter: true },
];

/** The spec of one indicator. */
export function specOf(key: IndicatorKey): IndicatorSpec {
  const spec = tileSpecs.find((s) => s.key === key);
  if (!spec) {
    throw new Error(`unknown indicator ${key}`);
  }
  return spec;
}

/** Met, not met, or no target in the seeds for this indicator at this site. */
export type Verdict = 'met' | 'notMet' | 'noTarget';

/** The verdict of one indicator: the server's own <c>met</c> flag; no entry or null means no seed target. */
export function verdictOf(indicators: Indicators, key: IndicatorKey): { verdict: Verdict; target: number | null } {
  const target = indicators.targets?.[key];
  if (!target) {
    return { verdict: 'noTarget', target: null };
  }
  return { verdict: target.met ? 'met' : 'notMet', target: target.target };
}

/** The value of one indicator (null when undefined, e.g. a rate without labour force). */
export function valueOf(indicators: Indicators, key: IndicatorKey): number | null {
  const value = indicators[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A child site with its indicators (GET /api/sites/{code}/children/indicators). */
export interface ChildIndicators {
  code: string;
  name: string;
  kind: string;
  indicators: Indicators;
}

/**
 * Children ordered worst first for the indicator (what a dispatch meeting looks at): ascending when higher is better,
 * descending otherwise; sites without a value go last; ties by code so the order is stable.
 */
export function sortWorstFirst(children: readonly ChildIndicators[], key: IndicatorKey, reverse = false): ChildIndicators[] {
  const spec = specOf(key);
  return [...children].sort((a, b) => {
    const va = valueOf(a.indicators, key);
    const vb = valueOf(b.indicators, key);
    if (va === null && vb === null) {
      return a.code.localeCompare(b.code);
    }
    if (va === null) {
      return 1;
    }
    if (vb === null) {
      return -1;
    }
    let order = spec.higherIsBetter ? va - vb : vb - va;
    if (reverse) {
      order = -order;
    }
    return order !== 0 ? order : a.code.localeCompare(b.code);
  });
}

/** Employment rate from a history point (employed over labour force), null without labour force. */
export function rateOf(employed: number, unemployed: number): number | null {
  const force = employed + unemployed;
  return force > 0 ? employed / force : null;
}
