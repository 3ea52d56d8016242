/**
 * Coarse device, browser and OS from the user agent and viewport width — enough for the
 * dashboard's breakdowns without an (AGPL) UA-parser dependency.
 */
export interface DeviceDescription {
  device: 'mobile' | 'tablet' | 'desktop';
  browser: string;
  os: string;
}

const BROWSERS: [RegExp, string][] = [
  [/\b(?:WAiOS|WA4A)\//, 'WhatsApp'],
  [/FBAN\/Messenger|FB_IAB\/(?:MESSENGER|Orca)/, 'Messenger'],
  [/FBAN\/|FB_IAB\//, 'Facebook'],
  [/\bInstagram /, 'Instagram'],
  [/\bLine\//, 'LINE'],
  [/MicroMessenger\//, 'WeChat'],
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrome\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone|iPad|iPod\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

const first = (rules: [RegExp, string][], ua: string) =>
  rules.find(([pattern]) => pattern.test(ua))?.[1] ?? 'Other';

const byUserAgent = new Map<string, DeviceDescription>();

/** Memoised per user agent (a handful of regexes per distinct UA, then a Map lookup). */
export function describeDevice(userAgent: string, viewportWidth?: number): DeviceDescription {
  let described = byUserAgent.get(userAgent);
  if (!described) {
    described = describeUserAgent(userAgent);
    if (byUserAgent.size >= 10_000) byUserAgent.clear();
    byUserAgent.set(userAgent, described);
  }
  if (viewportWidth === undefined || viewportWidth <= 0) return described;
  const device =
    viewportWidth < 576
      ? 'mobile'
      : viewportWidth < 992 && described.device !== 'desktop'
        ? 'tablet'
        : described.device;
  return device === described.device ? described : { ...described, device };
}

function describeUserAgent(userAgent: string): DeviceDescription {
  const tablet =
    /\biPad\b|\bTablet\b/.test(userAgent) ||
    (/\bAndroid\b/.test(userAgent) && !/\bMobile\b/.test(userAgent));
  const mobile = /\bMobile\b|\biPhone\b/.test(userAgent);
  const device: DeviceDescription['device'] = tablet ? 'tablet' : mobile ? 'mobile' : 'desktop';
  return { device, browser: first(BROWSERS, userAgent), os: first(SYSTEMS, userAgent) };
}
