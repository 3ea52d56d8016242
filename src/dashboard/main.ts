import { startApp } from './app.ts';

/**
 * Entry of dist/dashboard.js. The shell page (render-dashboard-shell.ts) says where the API is
 * and in which mode to run through data attributes on its root element.
 */
const root = document.getElementById('penumbra');
if (root) {
  startApp(root, {
    mode: root.dataset.mode === 'public' ? 'public' : 'app',
    apiBase: root.dataset.apiBase || '/api',
    title: root.dataset.title || document.title,
  });
}
