import { get, SignInRequired } from '../api';
import { h, clear, link } from '../dom';
import { kindLabel, t } from '../i18n';

/** One hit of GET /api/sites/search. */
export interface SiteHit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

/** The site search form of the header: name fragment or code prefix, results as links. */
export function searchBox(): HTMLElement {
  const input = h('input', { type: 'search', id: 'site-search', name: 'q', autocomplete: 'off', required: true,
    placeholder: t('search') });
  const results = h('ul', { class: 'search-results', id: 'site-search-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'search', role: 'search', onsubmit: async (event: Event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) {
      return;
    }
    clear(results);
    try {
      const found = await get<{ items: SiteHit[] }>(`/api/sites/search?q=${encodeURIComponent(q)}&limit=20`);
      if (found.items.length === 0) {
        results.append(h('li', {}, t('noResults')));
      }
      for (const hit of found.items) {
        const a = link(`/site/${encodeURIComponent(hit.code)}`, `${hit.name} `, h('small', {}, `${kindLabel(hit.kind)} · ${hit.code}`));
        a.addEventListener('click', () => clear(results));
        results.append(h('li', {}, a));
      }
    } catch (error) {
      if (!(error instanceof SignInRequired)) {
        results.append(h('li', { class: 'error' }, `${t('requestFailed')}: ${(error as Error).message}`));
      }
    }
  } },
  h('label', { for: 'site-search', class: 'sr-only' }, t('search')), input,
  h('button', { type: 'submit' }, t('searchButton')), results);
  return form;
}
