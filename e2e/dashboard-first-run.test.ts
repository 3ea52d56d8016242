import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { ARTIFACTS, openPage } from './support/dashboard-page.ts';
import { exited, type SpawnedServer, spawnPenumbra } from './support/spawn-penumbra.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-first-run-'));
let server: SpawnedServer;

beforeAll(async () => {
  server = await spawnPenumbra(['serve', '--port', '0', '--data', dataDir]);
}, 30_000);

afterAll(async () => {
  if (server) {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a fresh `penumbra serve`', () => {
  it('asks for the first account, then leads to adding a site; sign-out and back in', async () => {
    const browser = await launchChromium();
    try {
      const { page, problems } = await openPage(browser, { width: 360, height: 740 });
      await page.goto(`${server.url}/app`);
      await page.locator('h1', { hasText: 'Welcome to Penumbra' }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-first-run-360.png') });
      await page.fill('#login-email', 'owner@example.test');
      await page.fill('#login-password', 'first owner password');
      await page.click('form.login button[type=submit]');
      await page.waitForFunction(() => location.hash === '#/sites');
      expect(await page.textContent('.sites .empty')).toContain('No sites yet');

      await page.fill('#new-site', 'https://www.Example.com/');
      await page.click('form.inline-form button[type=submit]');
      await page.waitForFunction(() => location.hash === '#/site/example.com/settings');
      expect(await page.textContent('.snippet code')).toBe(
        `<script defer src="${server.url}/p.js" data-site="example.com"></script>`,
      );

      // A wrong domain is refused with the server's reason, shown as an alert.
      await page.goto(`${server.url}/app#/sites`);
      await page.fill('#new-site', 'not a domain');
      await page.click('form.inline-form button[type=submit]');
      expect(await page.locator('[role=alert]').textContent()).toMatch(/not a domain/);

      await page.locator('header.topbar button', { hasText: 'Sign out' }).click();
      await page.locator('h1', { hasText: 'Sign in to Penumbra' }).waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me).toBe(401);
      await page.fill('#login-email', 'owner@example.test');
      await page.fill('#login-password', 'wrong password!!');
      await page.click('form.login button[type=submit]');
      expect(await page.locator('form.login [role=alert]').textContent()).toMatch(
        /wrong email or password/,
      );
      await page.fill('#login-password', 'first owner password');
      await page.click('form.login button[type=submit]');
      // Back where the user was (the sites page), with the site listed.
      await page.locator('[data-site="example.com"]').waitFor();

      // The session ends while the page is open: the next request brings the sign-in form back.
      await page.context().clearCookies();
      await page.evaluate(() => {
        location.hash = '#/site/example.com?range=7d';
      });
      await page.locator('h1', { hasText: 'Sign in to Penumbra' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
