/** Where the options page is; kept in the URL hash so Back, reload and links work. */
export type Route =
  | { page: 'list' }
  | { page: 'new' }
  | { page: 'relationship'; id: string }
  | { page: 'edit'; id: string }
  | { page: 'data' }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { page: 'new' };
  if (parts[0] === 'data') return { page: 'data' };
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'r' && parts[1]) return parts[2] === 'edit' ? { page: 'edit', id: parts[1] } : { page: 'relationship', id: parts[1] };
  return { page: 'list' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'list':
      return '#/';
    case 'new':
      return '#/new';
    case 'data':
      return '#/data';
    case 'settings':
      return '#/settings';
    case 'relationship':
      return `#/r/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/r/${encodeURIComponent(route.id)}/edit`;
  }
}
