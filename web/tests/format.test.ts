import { describe, expect, it } from 'vitest';
import { count, maskForDisplay, percent, ratio } from '../src/format';

describe('percent', () => {
  it('shows a fraction with one decimal in both languages', () => {
    expect(percent(0.6666666666666666, 'zh')).toBe('66.7%');
    expect(percent(0.6666666666666666, 'en')).toBe('66.7 %');
    expect(percent(1, 'zh')).toBe('100.0%');
    expect(percent(0, 'zh')).toBe('0.0%');
  });
  it('shows an en dash for a missing rate (no labour force)', () => {
    expect(percent(null, 'zh')).toBe('–');
    expect(percent(Number.NaN, 'zh')).toBe('–');
  });
});

describe('ratio and count', () => {
  it('formats the posts-to-seekers ratio with two decimals', () => {
    expect(ratio(4)).toBe('4.00');
    expect(ratio(1.255)).toBe('1.25');
    expect(ratio(null)).toBe('–');
  });
  it('groups thousands', () => {
    expect(count(20123)).toBe('20,123');
    expect(count(undefined)).toBe('–');
  });
});

describe('maskForDisplay', () => {
  it('keeps an API-masked ID number as it is', () => {
    expect(maskForDisplay('3607**********1238')).toBe('3607**********1238');
  });
  it('masks a full ID number like the API (first 4, last 4)', () => {
    expect(maskForDisplay('360722199001011238')).toBe('3607**********1238');
    expect(maskForDisplay('36072219900101123X')).toBe('3607**********123X');
  });
  it('masks a full mobile number like the API (first 3, last 4)', () => {
    expect(maskForDisplay('13812345678')).toBe('138****5678');
  });
  it('shows an en dash for nothing', () => {
    expect(maskForDisplay('')).toBe('–');
    expect(maskForDisplay(null)).toBe('–');
  });
});
