import { describe, expect, it } from 'vitest';
import { renderDashboardShell } from './render-dashboard-shell.ts';

describe('renderDashboardShell', () => {
  it('links the built assets and has no inline script, style or handler', () => {
    const html = renderDashboardShell({
      mode: 'app',
      apiBase: '/api',
      title: 'Penumbra',
      version: '0.1.0',
    });
    expect(html).toContain('<link rel="stylesheet" href="/app/dashboard.css?v=0.1.0">');
    expect(html).toContain('<script defer src="/app/dashboard.js?v=0.1.0"></script>');
    expect(html).toContain('data-mode="app" data-api-base="/api"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=|\son[a-z]+=/i);
  });

  it('escapes every input', () => {
    const html = renderDashboardShell({
      mode: 'public',
      apiBase: '/api/public/"><script>x</script>',
      title: '<img src=x onerror=alert(1)>\u0007',
      version: '1"2',
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;\ufffd');
    expect(html).toContain('data-mode="public"');
    expect(html).toContain('dashboard.js?v=1%222');
  });
});
