import { get, seg, SignInRequired } from '../api';
import { h, link, section } from '../dom';
import { count, payRange } from '../format';
import { lang, t } from '../i18n';
import { explain, type Factor } from '../explain';

interface Post {
  id: string;
  siteCode: string;
  employerCode: string;
  title: string;
  occupation: string;
  openings: number;
  taken: number;
  payMin: number;
  payMax: number;
  kind: string;
  open: boolean;
}

/** The post page: the post and its candidates with the reasons in words. */
export async function renderPost(view: HTMLElement, id: string): Promise<void> {
  const p = seg(id);
  const [post, candidates] = await Promise.all([
    get<Post>(`/api/posts/${p}`),
    get<{ items: Array<{ seekerId: string; score: number; factors: Factor[] }> }>(`/api/posts/${p}/candidates`).catch((e) => {
      if (e instanceof SignInRequired) {
        throw e;
      }
      return null;
    }),
  ]);
  view.append(
    h('nav', { class: 'breadcrumbs', 'aria-label': t('breadcrumbs') },
      h('ol', {}, h('li', {}, link(`/site/${encodeURIComponent(post.siteCode)}`, `${t('site')} ${post.siteCode}`)))),
    h('h1', {}, `${t('post')}：${post.title}`),
    section('post', t('post'), h('dl', { class: 'card' },
      h('dt', {}, t('occupation')), h('dd', {}, post.occupation),
      h('dt', {}, t('employer')), h('dd', {}, post.employerCode),
      h('dt', {}, t('kind')), h('dd', {}, post.kind),
      h('dt', {}, t('openings')), h('dd', {}, `${count(post.openings)} (${t('taken')} ${count(post.taken)})`),
      h('dt', {}, t('pay')), h('dd', {}, payRange(post.payMin, post.payMax)),
      h('dt', {}, t('status')), h('dd', {}, post.open ? t('openPosts') : '–'))),
    section('candidates', t('candidates'), candidates?.items.length
      ? h('ol', { class: 'recs' }, ...candidates.items.map((c) => h('li', {},
        link(`/person/${encodeURIComponent(c.seekerId)}`, c.seekerId), ` · ${t('score')} ${c.score.toFixed(2)}`,
        h('p', { class: 'why' }, `${t('why')}：${explain(c.factors, lang())}`))))
      : h('p', {}, t('noData'))),
  );
}
