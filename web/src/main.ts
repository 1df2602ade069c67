import './style.css';
import { SignInRequired, setUnauthorizedHandler } from './api';
import { disposeAll, resizeAll } from './charts';
import { clear, h, link } from './dom';
import { lang, setLang, t, type Lang } from './i18n';
import { parseRoute } from './routes';
import { leave, navigate, setRenderer } from './app';
import { renderSite, renderHome } from './pages/site';
import { renderPerson } from './pages/person';
import { renderPost } from './pages/post';
import { renderFair } from './pages/fair';
import { renderForms } from './pages/forms';
import { showSignIn } from './pages/signin';
import { searchBox } from './pages/search';

const main = document.getElementById('main') as HTMLElement;
const top = document.getElementById('top') as HTMLElement;

let renderSerial = 0;

function header(): void {
  clear(top);
  const toggle = h('button', { type: 'button', class: 'lang', 'aria-label': t('languageLabel'), onclick: () => {
    const next: Lang = lang() === 'zh' ? 'en' : 'zh';
    setLang(next);
    localStorage.setItem('jobhome.lang', next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    void render();
  } }, t('language'));
  top.append(
    h('div', { class: 'bar' },
      h('a', { href: '/', 'data-route': 'true', class: 'brand' }, t('appTitle')),
      h('nav', { 'aria-label': 'main' },
        link('/', t('navSites')), link('/fair', t('navFair')), link('/forms', t('navForms'))),
      searchBox(),
      toggle),
  );
}

/** Renders the current URL. */
async function render(): Promise<void> {
  const serial = ++renderSerial;
  leave();
  disposeAll(main);
  header();
  // A bookmark in the hash form (#/site/360722) is turned into the path form.
  if (location.hash.startsWith('#/')) {
    history.replaceState(null, '', location.hash.slice(1));
  }
  const route = parseRoute(location.pathname, '');
  clear(main);
  main.append(h('p', { class: 'loading', role: 'status' }, t('loading')));
  const view = h('div', { class: 'view' });
  try {
    switch (route.page) {
      case 'home':
        await renderHome(view);
        break;
      case 'site':
        await renderSite(view, route.code);
        break;
      case 'person':
        await renderPerson(view, route.id);
        break;
      case 'post':
        await renderPost(view, route.id);
        break;
      case 'fair':
        renderFair(view);
        break;
      case 'forms':
        renderForms(view, route.form);
        break;
      case 'notFound':
        view.append(h('h1', {}, t('notFound')), h('p', {}, route.path));
        break;
    }
  } catch (error) {
    if (error instanceof SignInRequired) {
      return;
    }
    view.append(h('p', { class: 'error', role: 'alert' }, `${t('requestFailed')}: ${(error as Error).message}`));
  }
  if (serial !== renderSerial) {
    return;
  }
  clear(main);
  main.append(view);
  document.title = `${view.querySelector('h1')?.textContent ?? ''} · ${t('appTitle')}`;
  resizeAll(main);
  view.dispatchEvent(new Event('mounted'));
  // Time from navigation start to the first complete view (tiles, children chart), read by the browser tests.
  if (performance.getEntriesByName('jobhome:ready').length === 0) {
    performance.mark('jobhome:ready');
  }
}

function start(): void {
  const saved = localStorage.getItem('jobhome.lang');
  if (saved === 'en' || saved === 'zh') {
    setLang(saved);
    document.documentElement.lang = saved === 'zh' ? 'zh-CN' : 'en';
  }
  setRenderer(render);
  setUnauthorizedHandler(() => showSignIn(() => void render()));
  document.addEventListener('click', (event) => {
    const anchor = (event.target as Element).closest('a[data-route]') as HTMLAnchorElement | null;
    if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      navigate(anchor.getAttribute('href') ?? '/');
    }
  });
  window.addEventListener('popstate', () => void render());
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => resizeAll(main), 150);
  });
  void render();
}

start();
