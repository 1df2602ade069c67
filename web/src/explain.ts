import type { Lang } from './i18n';

/** One scoring factor of a recommendation (MatchFactorView). */
export interface Factor {
  factor: string;
  value: number;
  contribution: number;
  chinese: string;
  english: string;
}

/**
 * A recommendation's explanation in words: the factors that count most, strongest first, each with its share of
 * the score (e.g. "职业意向相符 (+0.32)、距离近 (+0.20)").
 */
export function explain(factors: readonly Factor[], language: Lang, top = 3): string {
  const strongest = [...factors]
    .filter((f) => Math.abs(f.contribution) > 1e-9)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.factor.localeCompare(b.factor))
    .slice(0, top);
  if (strongest.length === 0) {
    return language === 'zh' ? '无明显因素' : 'no strong factor';
  }
  const parts = strongest.map((f) => {
    const sign = f.contribution >= 0 ? '+' : '−';
    return `${language === 'zh' ? f.chinese : f.english} (${sign}${Math.abs(f.contribution).toFixed(2)})`;
  });
  return parts.join(language === 'zh' ? '、' : ', ');
}
