import { describe, expect, test } from 'vitest';
import { isAssetTarget, pagePath } from './page-path.ts';
import { compilePathGlobs } from './path-globs.ts';

describe('pages and assets', () => {
  test('pagePath drops query and fragment and reads absolute targets', () => {
    expect(pagePath('/a/b?utm_source=x#y')).toBe('/a/b');
    expect(pagePath('/a')).toBe('/a');
    expect(pagePath('https://example.com/a/b?x')).toBe('/a/b');
    expect(pagePath('http://example.com')).toBe('/');
  });

  test('asset extensions, case-insensitive, query ignored', () => {
    for (const asset of [
      '/a.css',
      '/b/c.JS',
      '/img/x.webp?v=3',
      '/f.woff2',
      '/robots.txt',
      '/sitemap.xml',
      '/favicon.ico',
      '/site.webmanifest',
    ]) {
      expect(isAssetTarget(asset), asset).toBe(true);
    }
    for (const page of [
      '/',
      '/news/2026/story',
      '/report.pdf',
      '/index.html',
      '/v1.2/notes',
      '/a?file=x.css',
      '/page.php',
      '/x.',
    ]) {
      expect(isAssetTarget(page), page).toBe(false);
    }
  });
});

describe('--exclude-path globs', () => {
  test('* stays within a segment, ** crosses them, /dir/** includes /dir', () => {
    const match = compilePathGlobs(['/admin/**', '/api/*', '**/*.php', 'health']);
    expect(match).not.toBeNull();
    const m = match as (path: string) => boolean;
    for (const path of [
      '/admin',
      '/admin/',
      '/admin/users/7',
      '/api/v1',
      '/x/y/login.php',
      '/health',
    ]) {
      expect(m(path), path).toBe(true);
    }
    for (const path of ['/administrator', '/api/v1/users', '/news/php', '/healthz']) {
      expect(m(path), path).toBe(false);
    }
  });

  test('regular-expression characters are literal', () => {
    const m = compilePathGlobs(['/a+b/(c).html']) as (path: string) => boolean;
    expect(m('/a+b/(c).html')).toBe(true);
    expect(m('/aab/c.html')).toBe(false);
    expect(compilePathGlobs([])).toBeNull();
  });
});
