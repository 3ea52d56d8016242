import { describe, expect, test } from 'vitest';
import { renderHtml } from './render-html.ts';
import { renderTerminal } from './render-terminal.ts';
import { fixture, hostileLog, reportFor } from './test-helpers.ts';

describe('renderTerminal', () => {
  test('tells the dark-social share and the GA4 comparison', async () => {
    const text = renderTerminal(
      await reportFor([fixture('combined.log')], { siteHosts: ['www.example.com'] }),
    );
    expect(text).toMatch(/Dark social +5 +50\.0% of human visits/);
    expect(text).toContain(
      'Of what GA4 would call Direct (5 visits), 60.0% is dark social (3 visits).',
    );
    expect(text).toContain('Top dark-shared pages');
    expect(text).toContain('/recipes/2026/tomato-soup');
    expect(text).toContain('whatsapp 67% · unknown 33%');
    expect(text).toContain('Link previews by app');
  });

  test('shows invalid lines with their numbers, and strips control characters', async () => {
    const malformed = renderTerminal(await reportFor([fixture('malformed.log')]));
    expect(malformed).toContain('Invalid lines (first 4 of 4):');
    expect(malformed).toContain('malformed.log:2  truncated user agent');
    const hostile = renderTerminal(await reportFor([hostileLog()]));
    expect(hostile).not.toContain('\u001b');
    expect(hostile).toContain('/d/?[31mred?[0m/x');
  });
});

describe('renderHtml', () => {
  test('escapes every visitor-controlled string', async () => {
    const html = renderHtml(await reportFor([hostileLog()]));
    expect(html).not.toMatch(/<script|<img|<svg\/|onload=alert\(3\)>/);
    expect(html).not.toContain('\u001b');
    expect(html).toContain('/a/&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;svg/onload=alert(3)&gt;');
    expect(html).toContain('/e/&#39;quote&quot;/x');
  });

  test('is one self-contained page with a no-network policy', async () => {
    const html = renderHtml(
      await reportFor([fixture('combined.log')], { siteHosts: ['www.example.com'] }),
    );
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).toContain(
      'Of what GA4 would call Direct (5 visits), <strong>60.0%</strong> is dark social.',
    );
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
  });
});
