import { describe, expect, it } from 'vitest';
import { classify } from './index.ts';
import { MAX_URL_LENGTH, parseUrl, pathDepth } from './parse-url.ts';

describe('parseUrl', () => {
  it('splits absolute URLs and lower-cases scheme and host', () => {
    expect(parseUrl('HTTPS://User@WWW.Example.COM:8443/A/b?x=1#frag')).toEqual({
      scheme: 'https',
      host: 'www.example.com',
      path: '/A/b',
      query: 'x=1',
      fragment: 'frag',
    });
  });
  it('accepts scheme-less, protocol-relative, host-only and path-only inputs', () => {
    expect(parseUrl('example.com/a').host).toBe('example.com');
    expect(parseUrl('//cdn.example.com/x').host).toBe('cdn.example.com');
    expect(parseUrl('t.me')).toMatchObject({ host: 't.me', path: '' });
    expect(parseUrl('/only/path?q=1')).toMatchObject({
      host: '',
      path: '/only/path',
      query: 'q=1',
    });
    expect(parseUrl('android-app://com.Slack/')).toMatchObject({
      scheme: 'android-app',
      host: 'com.slack',
    });
  });
  it('treats -, empty and null as absent', () => {
    for (const value of ['-', '', '   ', null, undefined]) expect(parseUrl(value).host).toBe('');
  });
  it('caps very long input', () => {
    const parts = parseUrl(`https://example.com/${'a'.repeat(1_000_000)}`);
    expect(parts.path.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
  });
  it('counts path segments', () => {
    expect(pathDepth('/')).toBe(0);
    expect(pathDepth('/a//b/')).toBe(2);
    expect(pathDepth('')).toBe(0);
  });
});

describe('lenient classification of hostile input', () => {
  it('survives megabyte fields, control characters and odd casing', () => {
    const huge = 'x'.repeat(1_000_000);
    expect(classify({ url: `/${huge}`, referrer: huge, user_agent: huge }).class).toBeDefined();
    expect(
      classify({ url: '/\u0000\u0001/\uFFFD', user_agent: 'whatsapp/2.2123.8 n' }).channel,
    ).toBe('whatsapp');
    expect(classify({ url: '/a/b', referrer: 'HTTPS://WEB.WHATSAPP.COM/' }).channel).toBe(
      'whatsapp',
    );
    expect(classify({ url: '/a/b?UTM_SOURCE=WhatsApp' }).channel).toBe('whatsapp');
    expect(classify({ url: '/a/b?utm_source=%E0%A4%A' }).class).toBe('campaign');
  });
  it('ignores fields of the wrong type', () => {
    const hit = { url: '/a/b', referrer: 42, user_agent: {}, method: [], client: 'x' } as never;
    expect(classify(hit).rule).toBe('R7.deep_link');
  });
});
