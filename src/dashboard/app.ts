import type { MeResponse } from '../server/api-types.ts';
import { ApiClient, ApiError } from './api-client.ts';
import type { AppContext, View } from './app-context.ts';
import { el, replace } from './dom.ts';
import { keepFocus } from './focus-keeper.ts';
import { defaultQuery, formatHash, parseHash, type Route } from './route.ts';
import { communitiesView } from './views/communities-view.ts';
import { deadLettersView } from './views/dead-letters-view.ts';
import { inboxView } from './views/inbox-view.ts';
import { loginView } from './views/login-view.ts';
import { overviewView } from './views/overview-view.ts';
import { settingsView } from './views/settings-view.ts';
import { sitesView } from './views/sites-view.ts';

export interface AppOptions {
  mode: 'app' | 'public';
  apiBase: string;
  title: string;
}

/**
 * The dashboard: signs in (or runs the first-run set-up), then renders the view the address
 * hash names and re-renders on every hash change. Focus is kept on the control that caused a
 * re-render (by its `data-key`), so keyboard users do not start over after each filter.
 */
export function startApp(root: HTMLElement, options: AppOptions): void {
  const api = new ApiClient(options.apiBase, options.mode);
  const status = el('p', {
    class: 'visually-hidden',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const main = el('main', { attrs: { id: 'main', tabindex: '-1' } });
  const nav = el('nav', { class: 'topnav', attrs: { 'aria-label': 'Main' } });
  let view: View | null = null;

  const app: AppContext = {
    api,
    mode: options.mode,
    title: options.title,
    me: null,
    navigate(route: Route) {
      const hash = formatHash(route);
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    async refreshMe() {
      app.me = await api.me();
      api.setCsrfToken(app.me.csrfToken);
      drawNav();
    },
    announce(message) {
      status.textContent = message;
    },
  };

  const drawNav = () => {
    if (options.mode === 'public' || !app.me) {
      replace(nav);
      return;
    }
    const logout = el('button', {
      class: 'button small subtle',
      text: 'Sign out',
      attrs: { type: 'button' },
    });
    logout.addEventListener('click', () => {
      api.post('/auth/logout').finally(() => {
        app.me = null;
        api.setCsrfToken('');
        void boot();
      });
    });
    replace(
      nav,
      el('a', { text: 'Sites', attrs: { href: '#/sites' } }),
      el('span', { class: 'user', text: app.me.user.email }),
      logout,
    );
  };

  const render = () => {
    const focusKey = document.activeElement?.getAttribute('data-key') ?? null;
    view?.teardown();
    let route = parseHash(location.hash, options.mode);
    if (route.view === 'home') {
      const first = app.me?.sites[0];
      route = first
        ? { view: 'overview', domain: first.domain, query: defaultQuery() }
        : { view: 'sites' };
      history.replaceState(history.state, '', formatHash(route));
    }
    if (
      route.view === 'overview' &&
      options.mode === 'app' &&
      !app.me?.sites.some((s) => s.domain === route.domain)
    ) {
      view = {
        element: el(
          'div',
          {},
          el('h1', { text: 'Site not found' }),
          el('p', {}, el('a', { text: 'Back to your sites', attrs: { href: '#/sites' } })),
        ),
        teardown() {},
      };
    } else if (route.view === 'overview') view = overviewView(app, route.domain, route.query);
    else if (route.view === 'settings') view = settingsView(app, route.domain);
    // The messaging hub (each view checks the site itself).
    else if (route.view === 'inbox') view = inboxView(app, route.domain);
    else if (route.view === 'dead-letters') view = deadLettersView(app, route.domain);
    else if (route.view === 'communities') view = communitiesView(app, route.domain);
    else view = sitesView(app);
    replace(main, view.element);
    const heading = main.querySelector('h1')?.textContent;
    document.title =
      heading && heading !== options.title ? `${heading} · ${options.title}` : options.title;
    keepFocus(focusKey, main);
  };

  const frame = () =>
    replace(
      root,
      el('a', {
        class: 'skip-link',
        text: 'Skip to content',
        attrs: { href: '#main' },
        // The hash is the router's: move focus without touching it.
        on: {
          click: (event) => {
            event.preventDefault();
            main.focus();
          },
        },
      }),
      el(
        'header',
        { class: 'topbar' },
        el('a', {
          class: 'brand',
          text: 'Penumbra',
          attrs: { href: options.mode === 'public' ? '#/' : '#/sites' },
        }),
        nav,
      ),
      main,
      status,
    );

  const boot = async (): Promise<void> => {
    view?.teardown();
    view = null;
    frame();
    if (options.mode === 'public') {
      render();
      return;
    }
    replace(main, el('p', { class: 'loading', text: 'Loading…' }));
    try {
      await app.refreshMe();
      render();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        replace(
          main,
          el('p', {
            class: 'error',
            attrs: { role: 'alert' },
            text: `Penumbra is not answering: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
        return;
      }
      const setup = await api.setupStatus().catch(() => ({ needed: false }));
      replace(
        root,
        loginView(api, setup.needed, (me: MeResponse) => {
          app.me = me;
          api.setCsrfToken(me.csrfToken);
          frame();
          drawNav();
          render();
        }),
      );
    }
  };

  // A session that ends while the page is open (expired, signed out elsewhere): sign in again.
  let rebooting = false;
  api.onUnauthorized = () => {
    if (rebooting || options.mode === 'public' || !app.me) return;
    rebooting = true;
    app.me = null;
    void boot().finally(() => {
      rebooting = false;
    });
  };

  window.addEventListener('hashchange', () => {
    // Links inside the page (#main) are not routes.
    if (location.hash === '#main') return;
    if (app.me || options.mode === 'public') render();
  });
  void boot();
}
