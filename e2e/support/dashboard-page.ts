import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type SpawnedServer, spawnPenumbra } from './spawn-penumbra.ts';

/** The demo's login (src/cli/commands/demo.ts); the password is ours, through the environment. */
export const DEMO_EMAIL = 'demo@penumbra.test';
export const DEMO_PASSWORD = 'correct horse battery staple 42';
export const DEMO_SITE = 'demo.penumbra.localhost';

/** `penumbra demo` with `days` of backfilled traffic, resolved once the backfill is stored. */
export async function startDemo(days: number, perDay: number): Promise<SpawnedServer> {
  const demo = await spawnPenumbra(
    ['demo', '--port', '0', '--days', String(days), '--per-day', String(perDay), '--no-live'],
    { PENUMBRA_DEMO_PASSWORD: DEMO_PASSWORD },
  );
  for (let i = 0; i < 600 && !demo.stderr().includes('simulated visits'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return demo;
}

/** Screenshots and downloads of the browser tests (gitignored). */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export interface WatchedPage {
  page: Page;
  /** Page errors, CSP violations and dialogs seen so far. */
  problems: string[];
  dialogs: string[];
}

/**
 * A new page (own cookies) that records script errors, CSP violations and any dialog, which it
 * dismisses, or accepts with `acceptDialogs` (a confirmation the test means to answer yes).
 */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
  acceptDialogs = false,
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`csp: ${text}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (acceptDialogs ? dialog.accept() : dialog.dismiss());
  });
  return { page, problems, dialogs };
}

/**
 * Signs in through the login form (on a server with no user yet, the first-run form creates
 * the account instead) and waits for the app.
 */
export async function signIn(
  page: Page,
  origin: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${origin}/app`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('form.login button[type=submit]');
  try {
    await page.waitForSelector('header.topbar nav a', { timeout: 15_000 });
  } catch (error) {
    const status = await page.textContent('form.login .form-status').catch(() => null);
    throw new Error(`sign-in as ${email} failed: ${status ?? 'no answer'} (${String(error)})`);
  }
}

/** Waits until no panel is loading any more. */
export async function panelsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-panel]').length > 0 &&
      document.querySelectorAll('[data-panel][aria-busy="true"]').length === 0,
    undefined,
    { timeout: 20_000 },
  );
}

/** The number shown in a headline tile (`visitors`, `pageviews`, …), parsed back. */
export async function tileNumber(page: Page, metric: string): Promise<number> {
  const text = await page.textContent(`[data-metric="${metric}"] .value`);
  const clean = (text ?? '').replace(/,/g, '').trim();
  const match = /^([\d.]+)([KMB]?)$/.exec(clean);
  if (!match) return Number.NaN;
  const scale = { '': 1, K: 1e3, M: 1e6, B: 1e9 }[match[2] as '' | 'K' | 'M' | 'B'];
  return Number(match[1]) * scale;
}

/** A text element whose contrast is under WCAG AA (4.5:1, or 3:1 for large text). */
export interface ContrastProblem {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Checks every element in `main` that shows text of its own: its colour against the first opaque
 * background behind it. (Text over images or gradients is not handled; the dashboard has none.)
 */
export function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate(() => {
    const parse = (value: string): number[] => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element | null): string => {
      for (let node = element; node; node = node.parentElement) {
        const bg = getComputedStyle(node).backgroundColor;
        const [, , , alpha = 1] = parse(bg);
        if (bg !== 'transparent' && alpha > 0.5) return bg;
      }
      return getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)';
    };
    const problems: { text: string; ratio: number; color: string; background: string }[] = [];
    for (const element of document.querySelectorAll('main *, header *')) {
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!own || element.closest('.visually-hidden, [hidden], [aria-hidden="true"]')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(element);
      const fg = luminance(parse(style.color));
      const bg = luminance(parse(backgroundOf(element)));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        problems.push({
          text: own.slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          color: style.color,
          background: backgroundOf(element),
        });
      }
    }
    return problems;
  });
}
