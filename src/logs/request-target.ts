/** Methods whose requests count as page views. */
export function isPageMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD';
}

export const NO_UTM = { utm_source: '', utm_medium: '', utm_campaign: '' };

/** The UTM fields of a request target's query string (each cut at 200 characters). */
export function utmOf(target: string): typeof NO_UTM {
  const query = target.indexOf('?');
  if (query === -1 || !target.includes('utm_', query)) return NO_UTM;
  const hash = target.indexOf('#', query);
  const params = new URLSearchParams(target.slice(query + 1, hash === -1 ? undefined : hash));
  const value = (name: string): string => (params.get(name) ?? '').slice(0, 200);
  return {
    utm_source: value('utm_source'),
    utm_medium: value('utm_medium'),
    utm_campaign: value('utm_campaign'),
  };
}

/** Host of an absolute-URL request target, else ''. */
export function targetHost(target: string): string {
  if (target.charCodeAt(0) === 47) return '';
  const scheme = target.indexOf('://');
  if (scheme === -1) return '';
  const rest = target.slice(scheme + 3);
  const end = rest.search(/[/?#]/);
  return (end === -1 ? rest : rest.slice(0, end)).replace(/:\d+$/, '').toLowerCase();
}
