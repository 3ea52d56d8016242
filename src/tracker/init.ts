import type { TrackerPayload } from '../core/index.ts';
import { isRoute, readFragment, writeFragment } from './fragment.ts';
import { isIgnored, type PrivacySignals } from './is-ignored.ts';
import { mintToken } from './mint-token.ts';
import type { TrackerOptions } from './options.ts';

const WEB_INTENTS = /^(whatsapp|telegram|line)$/;

/** Custom events, Plausible's call shape: `track('signup', { props: { plan: 'pro' } })`. */
export type Track = (name: string, options?: { props?: Record<string, string> }) => void;

/**
 * Starts tracking this page: page views (SPA navigation included), engagement, outbound links,
 * share buttons, copies. Call once per page. Token lifecycle (docs/tracker.md): every page view
 * mints `k`; the token the visitor arrived with is reported as `a` and removed from the address
 * bar, where the viewer's own `k` takes its place, so a copied address carries it.
 */
export function init(options: TrackerOptions): Track {
  // Aliases of globals: the minifier can shorten these names, not the globals'.
  const win = window;
  const doc = document;
  const loc = location;
  const nav = navigator;
  const hist = history;
  const server = options.api || '';
  const api = `${server}/api/event`;
  const encode = encodeURIComponent;
  const live = !isIgnored(options, loc.hostname, nav as PrivacySignals);
  const addressBar = live && options.addressBar !== 'off';
  // Client-only signal for the classifier: Telegram's in-app browser injects one of these.
  const client =
    'TelegramWebview' in win || 'TelegramWebviewProxy' in win
      ? { telegram_webview: true }
      : undefined;
  // The original, so the tracker's own rewrites are not taken for navigation by the patch below.
  const replace = hist.replaceState;
  let anchor = '';
  let token = '';
  let url = '';
  let page: string | undefined;
  let engaged = 0;
  let since = 0;

  const on = (target: EventTarget, types: string, listener: (event: Event) => void) => {
    for (const type of types.split(' ')) target.addEventListener(type, listener);
  };
  const base = () => loc.href.split('#')[0];
  /** This page's URL with its own fragment, plus a token (and channel) when given. */
  const here = (withToken?: string, channel?: string) =>
    base() + writeFragment(anchor, withToken, channel);

  // A string goes out as text/plain;charset=UTF-8, CORS-safelisted: no preflight; and a beacon
  // survives unload. Every browser of the last six years has sendBeacon: no fetch fallback.
  const send = (n: string, extra?: Partial<TrackerPayload>) =>
    live &&
    nav.sendBeacon(
      api,
      JSON.stringify({
        n,
        d: options.site || loc.hostname,
        u: url,
        k: token,
        w: win.innerWidth,
        c: client,
        ...extra,
      } satisfies TrackerPayload),
    );

  // Engagement: milliseconds the page was visible and focused. Time only adds up while visible,
  // so flushing on every visibility change reports exactly when the page gets hidden.
  const tick = () => {
    const now = Date.now();
    engaged += since && now - since;
    since = !doc.hidden && doc.hasFocus() ? now : 0;
  };
  const flush = () => {
    tick();
    if (engaged) send('engagement', { e: engaged });
    engaged = 0;
  };

  // On load and after every history change: a new page (path, query or hash route) is a page
  // view with a fresh token; then the address bar gets this view's token, never another's.
  const navigate = () => {
    const [own, arrival, channel] = readFragment(loc.hash);
    const key = base() + (isRoute(own) ? own : '');
    anchor = own;
    if (key !== page) {
      // The previous view's engagement goes out under its own URL and token.
      flush();
      // The first view reports where the visit came from; an SPA view, the view before it.
      const from = page ? { r: url } : { r: doc.referrer, a: arrival, ac: channel };
      page = key;
      token = live ? mintToken() : '';
      url = here();
      send('pageview', from);
    }
    const want = here(addressBar ? token : '');
    if (want !== loc.href) replace.call(hist, hist.state, '', want);
    // The browser looked for an element named `section-2&pn=…`, found none and did not scroll.
    if (arrival && own) doc.getElementById(own)?.scrollIntoView();
  };

  const share = (channel: string) => {
    const link = here(token, channel);
    const title = doc.title;
    send('share', { ch: channel });
    if (channel === 'native' && nav.share) nav.share({ url: link, title }).catch(() => {});
    else if (channel === 'native' || channel === 'copy') nav.clipboard?.writeText(link);
    // The server builds the intent (GET /share/:channel answers a 302; those formats cost this
    // script 260 bytes). Web intents open in a new tab with no handle back to this page; app
    // schemes and Messenger's dialog (which returns to this page) open in place.
    else {
      const query = `?u=${encode(link)}&t=${encode(title)}&f=${options.fbAppId || ''}`;
      const tab = WEB_INTENTS.test(channel);
      win.open(
        `${server}/share/${channel}${query}`,
        tab ? '_blank' : '_self',
        tab ? 'noopener' : '',
      );
    }
  };

  navigate();
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = hist[method];
    hist[method] = (...args: Parameters<History['pushState']>) => {
      original.apply(hist, args);
      navigate();
    };
  }
  on(win, 'popstate hashchange', navigate);
  on(win, 'focus blur', tick);
  on(doc, 'visibilitychange', flush);
  on(win, 'pagehide', flush);
  on(doc, 'click', (event) => {
    const target = event.target as Element;
    const button = target.closest('[data-penumbra-share]');
    // Absolute http(s) links only: relative ones stay on this site.
    const link = target.closest('a[href^=http]') as HTMLAnchorElement | null;
    if (button) {
      event.preventDefault();
      share(button.getAttribute('data-penumbra-share')!);
    } else if (link && link.host !== loc.host) send('outbound', { o: link.href });
  });
  on(doc, 'copy', (event) => {
    const text = `${getSelection()}`;
    // Five words or more: a quote worth sharing, not a word copied to search for it.
    if (/(\S+\s+){4}\S/.test(text)) {
      send('share', { ch: 'copy' });
      // Opt-in: rewriting the clipboard (Tynt's "Read more") annoys people when it is a surprise.
      if (options.copyLink != null) {
        (event as ClipboardEvent).clipboardData!.setData(
          'text/plain',
          `${text}\n${here(token, 'copy')}`,
        );
        event.preventDefault();
      }
    }
  });

  return (name, extra) => send(name, { p: extra?.props });
}
