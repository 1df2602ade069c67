import { h, section } from '../dom';
import { kindLabel, lang, t } from '../i18n';

/** GET /api/sites/{code}/card (contract with dashapi). */
export interface SiteCard {
  code: string;
  name: string;
  kind: string;
  level: number | null;
  levelName: string | null;
  missingForNextLevel: Array<{ item: string; en: string; zh: string }>;
  checklist: { verdict: string; passed: boolean; failing: Array<{ item: string; en: string; zh: string; mandatory: boolean }> };
  services: Array<{ code: string; en: string; zh: string }>;
}

/** The site card: kind, level 1–4 and what is missing for the next, checklist verdict with the failing items. */
export function renderCard(card: SiteCard | null): HTMLElement {
  if (!card) {
    return section('card', t('siteCard'), h('p', {}, t('noData')));
  }
  const words = (x: { en: string; zh: string }) => (lang() === 'zh' ? x.zh : x.en);
  const passed = card.checklist.passed;
  return section('card', t('siteCard'),
    h('dl', { class: 'card' },
      h('dt', {}, t('kind')), h('dd', {}, kindLabel(card.kind)),
      h('dt', {}, t('level')), h('dd', {}, card.level === null ? t('noLevel') : `${card.level} · ${card.levelName ?? ''}`),
      h('dt', {}, t('checklist')),
      h('dd', {}, h('span', { class: `badge ${passed ? 'ok' : 'warn'}`, 'data-verdict': card.checklist.verdict },
        passed ? '✓ ' : '✗ ', card.checklist.verdict))),
    card.missingForNextLevel.length
      ? h('div', {}, h('h3', {}, t('missingForNext')), h('ul', {}, ...card.missingForNextLevel.map((m) => h('li', {}, words(m)))))
      : null,
    card.checklist.failing.length
      ? h('details', { class: 'failing' }, h('summary', {}, `${t('failingItems')} (${card.checklist.failing.length})`),
        h('ul', {}, ...card.checklist.failing.map((f) =>
          h('li', {}, words(f), f.mandatory ? h('strong', {}, ` (${t('mandatory')})`) : null))))
      : null,
    card.services.length
      ? h('details', {}, h('summary', {}, t('services')), h('ul', {}, ...card.services.map((s) => h('li', {}, words(s)))))
      : null);
}
