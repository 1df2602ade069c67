import { get, seg, SignInRequired } from '../api';
import { h, link, section } from '../dom';
import { maskForDisplay } from '../format';
import { lang, t } from '../i18n';
import { explain, type Factor } from '../explain';

interface Seeker {
  id: string;
  siteCode: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  birthDate: string;
  gender: string;
  education: string;
  occupations: string[];
  keyGroups: string[];
  status: string;
  statusSince: string;
  householdId: string | null;
  followUps: Array<{ date: string; kind: string; note: string; by: string }>;
}

interface StatusSpan {
  status: string;
  since: string;
  until: string | null;
  cause: string;
}

/** The person page: masked profile, status history, follow-ups, recommended posts explained in words. */
export async function renderPerson(view: HTMLElement, id: string): Promise<void> {
  const s = seg(id);
  const soft = <T>(p: Promise<T>) => p.catch((e) => {
    if (e instanceof SignInRequired) {
      throw e;
    }
    return null;
  });
  const [seeker, history, recs] = await Promise.all([
    get<Seeker>(`/api/seekers/${s}`),
    soft(get<{ items: StatusSpan[] }>(`/api/seekers/${s}/history`)),
    soft(get<{ items: Array<{ postId: string; score: number; factors: Factor[] }> }>(`/api/seekers/${s}/recommendations`)),
  ]);
  view.append(
    h('nav', { class: 'breadcrumbs', 'aria-label': t('breadcrumbs') },
      h('ol', {}, h('li', {}, link(`/site/${encodeURIComponent(seeker.siteCode)}`, `${t('site')} ${seeker.siteCode}`)))),
    h('h1', {}, `${t('person')}：${seeker.name}`),
    section('profile', t('person'), h('dl', { class: 'card' },
      h('dt', {}, t('idNumber')), h('dd', { id: 'id-masked' }, maskForDisplay(seeker.idNumberMasked)),
      h('dt', {}, t('phone')), h('dd', {}, maskForDisplay(seeker.phoneMasked)),
      h('dt', {}, t('birthDate')), h('dd', {}, seeker.birthDate),
      h('dt', {}, t('gender')), h('dd', {}, seeker.gender),
      h('dt', {}, t('education')), h('dd', {}, seeker.education),
      h('dt', {}, t('occupation')), h('dd', {}, seeker.occupations.join(', ') || '–'),
      h('dt', {}, t('keyGroups')), h('dd', {}, seeker.keyGroups.join(', ') || '–'),
      h('dt', {}, t('status')), h('dd', { id: 'status' }, `${seeker.status} · ${t('statusSince')} ${seeker.statusSince}`),
      h('dt', {}, t('household')), h('dd', {}, seeker.householdId ?? '–'))),
    section('status-history', t('statusHistory'), history?.items.length
      ? h('ol', { class: 'timeline' }, ...history.items.map((span) => h('li', {},
        h('strong', {}, span.status), ` ${span.since} – ${span.until ?? t('current')} · ${t('cause')}: ${span.cause}`)))
      : h('p', {}, t('noData'))),
    section('followups', t('followUps'), seeker.followUps.length
      ? h('ul', {}, ...seeker.followUps.map((f) => h('li', {}, `${f.date} · ${f.kind} · ${f.note} (${f.by})`)))
      : h('p', {}, t('none')),
    h('p', {}, link(`/forms/followup?seekerId=${encodeURIComponent(seeker.id)}`, t('formFollowUp')))),
    section('recommendations', t('recommendations'), recs?.items.length
      ? h('ol', { class: 'recs' }, ...recs.items.map((r) => h('li', {},
        link(`/post/${encodeURIComponent(r.postId)}`, r.postId), ` · ${t('score')} ${r.score.toFixed(2)}`,
        h('p', { class: 'why' }, `${t('why')}：${explain(r.factors, lang())}`))))
      : h('p', {}, t('noData'))),
  );
}
