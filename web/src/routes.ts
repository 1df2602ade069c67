/** The pages of the dashboard; the URL names each one so a view can be bookmarked and shared. */
export type Route =
  | { page: 'home' }
  | { page: 'site'; code: string }
  | { page: 'person'; id: string }
  | { page: 'post'; id: string }
  | { page: 'fair' }
  | { page: 'forms'; form: string | null }
  | { page: 'notFound'; path: string };

/** Parses a path (`/site/360722`) or a hash (`#/site/360722`, the bookmark form that needs no server fallback). */
export function parseRoute(pathname: string, hash = ''): Route {
  const fromHash = hash.startsWith('#/') ? hash.slice(1) : null;
  const path = (fromHash ?? pathname).replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter((p) => p.length > 0).map((p) => decodeURIComponent(p));
  if (parts.length === 0) {
    return { page: 'home' };
  }
  const [head, arg] = parts;
  if (head === 'site' && arg && parts.length === 2) {
    return { page: 'site', code: arg };
  }
  if (head === 'person' && arg && parts.length === 2) {
    return { page: 'person', id: arg };
  }
  if (head === 'post' && arg && parts.length === 2) {
    return { page: 'post', id: arg };
  }
  if (head === 'fair' && parts.length === 1) {
    return { page: 'fair' };
  }
  if (head === 'forms' && parts.length <= 2) {
    return { page: 'forms', form: arg ?? null };
  }
  return { page: 'notFound', path };
}

/** The path of a route. */
export function pathOf(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'site':
      return `/site/${encodeURIComponent(route.code)}`;
    case 'person':
      return `/person/${encodeURIComponent(route.id)}`;
    case 'post':
      return `/post/${encodeURIComponent(route.id)}`;
    case 'fair':
      return '/fair';
    case 'forms':
      return route.form ? `/forms/${encodeURIComponent(route.form)}` : '/forms';
    case 'notFound':
      return route.path;
  }
}
