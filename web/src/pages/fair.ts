import { ApiError, get, request, seg, SignInRequired } from '../api';
import { onLeave } from '../app';
import { clear, h, section } from '../dom';
import { count } from '../format';
import { t } from '../i18n';
import { fairObjectives, fairModes, fairProgress, type FairStatus } from '../fairData';

/** The fair page: upload two CSVs or choose a subtree, objective and mode; progress, summary, downloads. */
export function renderFair(view: HTMLElement): void {
  view.append(h('h1', {}, t('fair')), h('p', { class: 'note' }, t('offersNote')));
  const sourceUpload = h('input', { type: 'radio', name: 'source', id: 'fair-source-upload', value: 'upload', checked: true });
  const sourceSubtree = h('input', { type: 'radio', name: 'source', id: 'fair-source-subtree', value: 'subtree' });
  const seekers = h('input', { type: 'file', id: 'fair-seekers', name: 'seekers', accept: '.csv,text/csv' });
  const posts = h('input', { type: 'file', id: 'fair-posts', name: 'posts', accept: '.csv,text/csv' });
  const siteCode = h('input', { type: 'text', id: 'fair-site', name: 'siteCode', autocomplete: 'off' });
  const objective = h('select', { id: 'fair-objective', name: 'objective' }, ...fairObjectives.map((o) => h('option', { value: o }, o)));
  const mode = h('select', { id: 'fair-mode', name: 'mode' }, ...fairModes.map((o) => h('option', { value: o }, o)));
  const progress = h('progress', { id: 'fair-progress', max: 1, value: 0, 'aria-labelledby': 'fair-progress-label' });
  const phase = h('span', { id: 'fair-phase' });
  const result = h('div', { id: 'fair-result', 'aria-live': 'polite' });
  const run = h('button', { type: 'submit', id: 'fair-run' }, t('run'));

  const form = h('form', { class: 'staff-form', id: 'fair-form' },
    h('fieldset', {}, h('legend', {}, t('fairSource')),
      h('label', {}, sourceUpload, ` ${t('fairUpload')}`), h('label', {}, sourceSubtree, ` ${t('fairSubtree')}`)),
    h('div', { class: 'field' }, h('label', { for: 'fair-seekers' }, t('seekersCsv')), seekers),
    h('div', { class: 'field' }, h('label', { for: 'fair-posts' }, t('postsCsv')), posts),
    h('div', { class: 'field' }, h('label', { for: 'fair-site' }, t('siteCode')), siteCode),
    h('div', { class: 'field' }, h('label', { for: 'fair-objective' }, t('objective')), objective),
    h('div', { class: 'field' }, h('label', { for: 'fair-mode' }, t('mode')), mode),
    run);

  let stopped = false;
  onLeave(() => {
    stopped = true;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    progress.value = 0;
    run.disabled = true;
    try {
      let body: FormData | Record<string, string>;
      if (sourceUpload.checked) {
        const data = new FormData();
        if (seekers.files?.[0]) {
          data.append('seekers', seekers.files[0]);
        }
        if (posts.files?.[0]) {
          data.append('posts', posts.files[0]);
        }
        data.append('objective', objective.value);
        data.append('mode', mode.value);
        body = data;
      } else {
        body = { siteCode: siteCode.value.trim(), objective: objective.value, mode: mode.value };
      }
      const started = await request<{ id: string; statusUrl: string }>('POST', '/api/fairs', body);
      await poll(started.id);
    } catch (error) {
      if (!(error instanceof SignInRequired)) {
        const text = error instanceof ApiError && error.errors.length
          ? error.errors.map((e) => `${e.field}：${e.problem}${e.rule ? `（${e.rule}）` : ''}`).join('；')
          : (error as Error).message;
        result.append(h('p', { class: 'error', role: 'alert' }, `✗ ${t('fairFailed')}: ${text}`));
      }
    } finally {
      run.disabled = false;
    }
  });

  const poll = async (id: string): Promise<void> => {
    for (;;) {
      if (stopped) {
        return;
      }
      const status = await get<FairStatus>(`/api/fairs/${seg(id)}`);
      progress.value = fairProgress(status);
      phase.textContent = `${status.state}${status.phase ? ` · ${status.phase}` : ''} · ${Math.round(fairProgress(status) * 100)}%`;
      if (status.state === 'done') {
        showSummary(id, status);
        return;
      }
      if (status.state === 'failed') {
        result.append(h('p', { class: 'error', role: 'alert' }, `✗ ${t('fairFailed')}: ${status.error ?? ''}`));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  };

  const showSummary = (id: string, status: FairStatus) => {
    const s = status.summary;
    if (!s) {
      return;
    }
    result.append(
      h('h3', {}, t('summary')),
      h('dl', { class: 'card', id: 'fair-summary' },
        h('dt', {}, t('seekers')), h('dd', {}, count(s.seekers)),
        h('dt', {}, t('posts')), h('dd', {}, `${count(s.posts)} (${t('openings')} ${count(s.openings)})`),
        h('dt', {}, t('offers')), h('dd', { 'data-offers': String(s.offers) }, count(s.offers)),
        h('dt', {}, t('meanScore')), h('dd', {}, s.meanScore.toFixed(3)),
        h('dt', {}, `${t('objective')} / ${t('mode')}`), h('dd', {}, `${s.objective} / ${s.mode}`),
        h('dt', {}, t('seconds')), h('dd', {}, s.seconds.toFixed(1))),
      h('p', { class: 'note' }, t('offersNote')),
      h('ul', { class: 'links' },
        h('li', {}, h('a', { href: `/api/fairs/${seg(id)}/assignment.csv`, download: '', id: 'fair-assignment' }, t('downloadAssignment'))),
        h('li', {}, h('a', { href: `/api/fairs/${seg(id)}/recommendations.csv`, download: '', id: 'fair-recommendations' },
          t('downloadRecommendations')))));
  };

  view.append(section('fair-run-panel', t('fair'), form,
    h('div', { class: 'field' }, h('span', { id: 'fair-progress-label' }, t('progress')), progress, ' ', phase), result));
}
