import { describe, expect, it } from 'vitest';
import { newestFirst } from '../src/alertsData';
import { explain } from '../src/explain';
import { fairProgress, type FairStatus } from '../src/fairData';
import { bodyOf, fieldOfError, formSpecs } from '../src/formSpecs';
import { parseRoute, pathOf } from '../src/routes';
import { readCookie } from '../src/api';

describe('routes', () => {
  it('names the site in the path and in the hash form', () => {
    expect(parseRoute('/site/360722')).toEqual({ page: 'site', code: '360722' });
    expect(parseRoute('/', '#/site/360722')).toEqual({ page: 'site', code: '360722' });
    expect(parseRoute('/person/sk-1/')).toEqual({ page: 'person', id: 'sk-1' });
    expect(parseRoute('/forms/seeker')).toEqual({ page: 'forms', form: 'seeker' });
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/nope/1/2').page).toBe('notFound');
  });
  it('round-trips paths, encoding codes', () => {
    expect(pathOf({ page: 'site', code: 'T1-C X' })).toBe('/site/T1-C%20X');
    expect(parseRoute(pathOf({ page: 'site', code: 'T1-C X' }))).toEqual({ page: 'site', code: 'T1-C X' });
  });
});

describe('alerts', () => {
  it('lists newest first, ties by id', () => {
    const items = [
      { id: 'b', d: '2026-10-01' }, { id: 'a', d: '2026-11-01' }, { id: 'c', d: '2026-10-01' },
    ];
    expect(newestFirst(items, (x) => x.d, (x) => x.id).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('explain', () => {
  const factors = [
    { factor: 'distance', value: 2, contribution: 0.1, chinese: '距离近', english: 'close by' },
    { factor: 'occupation', value: 1, contribution: 0.3, chinese: '职业意向相符', english: 'occupation matches' },
    { factor: 'pay', value: 0.8, contribution: -0.05, chinese: '薪酬偏低', english: 'pay below expectation' },
    { factor: 'none', value: 0, contribution: 0, chinese: '无', english: 'none' },
  ];
  it('names the strongest factors first with their share, in the chosen language', () => {
    expect(explain(factors, 'zh')).toBe('职业意向相符 (+0.30)、距离近 (+0.10)、薪酬偏低 (−0.05)');
    expect(explain(factors, 'en', 2)).toBe('occupation matches (+0.30), close by (+0.10)');
  });
  it('says so when nothing counts', () => {
    expect(explain([], 'zh')).toBe('无明显因素');
  });
});

describe('fairProgress', () => {
  const base: FairStatus = { id: 'f', state: 'running', phase: 'scoring', done: 0, total: 0, fraction: null, summary: null, error: null };
  it('uses the fraction, else done/total, clamped', () => {
    expect(fairProgress({ ...base, fraction: 0.25 })).toBe(0.25);
    expect(fairProgress({ ...base, done: 3, total: 4 })).toBe(0.75);
    expect(fairProgress({ ...base, fraction: 1.5 })).toBe(1);
    expect(fairProgress(base)).toBe(0);
  });
  it('is 1 when done', () => {
    expect(fairProgress({ ...base, state: 'done', fraction: 0.9 })).toBe(1);
  });
});

describe('forms', () => {
  const seeker = formSpecs.find((f) => f.key === 'seeker')!;
  it('builds the JSON body: numbers, lists, checks, optional fields left out', () => {
    const body = bodyOf(seeker, {
      siteCode: ' 360722100201 ', name: '张三', idNumber: '360722199001011238', phone: '', birthDate: '1990-01-01',
      gender: 'M', education: 'senior', occupations: '4-01，6-25', skills: '', expectedPayMin: '3000', lat: '25.38', lon: 'abc',
      rural: true, availability: ['full_time'], keyGroups: [], status: 'unemployed', statusSince: '2026-01-01',
    });
    expect(body.siteCode).toBe('360722100201');
    expect(body.occupations).toEqual(['4-01', '6-25']);
    expect(body.skills).toEqual([]);
    expect(body.expectedPayMin).toBe(3000);
    expect(body.lon).toBe('abc');
    expect(body.rural).toBe(true);
    expect(body).not.toHaveProperty('phone');
  });
  it('keeps path values out of the body', () => {
    const followUp = formSpecs.find((f) => f.key === 'followup')!;
    const body = bodyOf(followUp, { seekerId: 'sk-1', date: '2026-11-01', kind: 'call', note: 'n', by: '' });
    expect(body).not.toHaveProperty('seekerId');
    expect(followUp.post({ seekerId: 'sk-1' })).toBe('/api/seekers/sk-1/followups');
  });
  it('maps an API field error to its form field', () => {
    expect(fieldOfError('occupations[1]')).toBe('occupations');
    expect(fieldOfError('idNumber')).toBe('idNumber');
  });
});

describe('readCookie', () => {
  it('reads the XSRF token among other cookies', () => {
    expect(readCookie('a=1; XSRF-TOKEN=abc%3D; b=2', 'XSRF-TOKEN')).toBe('abc=');
    expect(readCookie('a=1', 'XSRF-TOKEN')).toBeNull();
  });
});
