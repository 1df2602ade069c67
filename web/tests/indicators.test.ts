import { describe, expect, it } from 'vitest';
import { rateOf, sortWorstFirst, verdictOf, type ChildIndicators, type Indicators } from '../src/indicators';

function indicators(overrides: Partial<Indicators>): Indicators {
  return {
    siteCode: 'X', asOf: '2026-11-29', employed: 0, unemployed: 0, labourForce: 0, employmentRate: null,
    registeredUnemploymentRate: null, unemployedOver3Months: 0, zeroEmploymentHouseholds: 0, zeroEmploymentHouseholdsOverdue: 0,
    openPosts: 0, openings: 0, activeSeekers: 0, postsToSeekersRatio: null, placements: 0, targets: {}, ...overrides,
  };
}

function child(code: string, overrides: Partial<Indicators>): ChildIndicators {
  return { code, name: `${code}就业之家`, kind: 'village', indicators: indicators(overrides) };
}

describe('verdictOf', () => {
  it('uses the server met flag and target', () => {
    const i = indicators({ employmentRate: 0.8, targets: { employmentRate: { target: 0.9, met: false } } });
    expect(verdictOf(i, 'employmentRate')).toEqual({ verdict: 'notMet', target: 0.9 });
    const ok = indicators({ targets: { zeroEmploymentHouseholdsOverdue: { target: 0, met: true } } });
    expect(verdictOf(ok, 'zeroEmploymentHouseholdsOverdue')).toEqual({ verdict: 'met', target: 0 });
  });
  it('says no target when the seeds have none (absent or null)', () => {
    expect(verdictOf(indicators({ targets: { employmentRate: null } }), 'employmentRate').verdict).toBe('noTarget');
    expect(verdictOf(indicators({}), 'placements').verdict).toBe('noTarget');
  });
});

describe('sortWorstFirst', () => {
  const children = [
    child('A', { employmentRate: 0.9, zeroEmploymentHouseholdsOverdue: 0 }),
    child('B', { employmentRate: 0.5, zeroEmploymentHouseholdsOverdue: 3 }),
    child('C', { employmentRate: null, zeroEmploymentHouseholdsOverdue: 1 }),
    child('D', { employmentRate: 0.7, zeroEmploymentHouseholdsOverdue: 3 }),
  ];
  it('puts the lowest employment rate first and sites without a rate last', () => {
    expect(sortWorstFirst(children, 'employmentRate').map((c) => c.code)).toEqual(['B', 'D', 'A', 'C']);
  });
  it('puts the most overdue households first (lower is better), ties by code', () => {
    expect(sortWorstFirst(children, 'zeroEmploymentHouseholdsOverdue').map((c) => c.code)).toEqual(['B', 'D', 'C', 'A']);
  });
  it('reverses to best first, still with missing values last', () => {
    expect(sortWorstFirst(children, 'employmentRate', true).map((c) => c.code)).toEqual(['A', 'D', 'B', 'C']);
  });
  it('does not change the input', () => {
    sortWorstFirst(children, 'employmentRate');
    expect(children.map((c) => c.code)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('rateOf', () => {
  it('is employed over labour force, null without labour force', () => {
    expect(rateOf(2, 1)).toBeCloseTo(2 / 3, 12);
    expect(rateOf(0, 0)).toBeNull();
  });
});
