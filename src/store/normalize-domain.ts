/**
 * The key a site is found by: lower-case host without scheme, path, port, trailing dot or a
 * leading `www.`, so `https://WWW.Example.com:8443/a` and `example.com.` both give `example.com`.
 * Returns '' when nothing host-like is left.
 */
export function normalizeDomain(input: string): string {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.replace(/[/?#].*$/, '');
  host = host.replace(/^.*@/, '');
  // Only a single colon is a port: unbracketed IPv6 literals have several.
  if ((host.match(/:/g) ?? []).length === 1) host = host.replace(/:\d*$/, '');
  host = host.replace(/\.+$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  return host;
}
