import type { TrackerOptions } from './options.ts';

/** What the ignore checks read from `navigator` (GPC is not in TypeScript's DOM types yet). */
export interface PrivacySignals {
  webdriver?: boolean;
  doNotTrack?: string | null;
  globalPrivacyControl?: boolean;
}

// Loopback names (all of 127/8), and '' for file: and other host-less pages.
const LOCAL_HOST = /^(localhost$|127\.|\[::1]$|$)/;

/**
 * Whether this browser must send nothing: a developer's own machine, a test robot, or (when
 * the site opts in) a visitor who asked not to be tracked. Runs before anything else.
 */
export const isIgnored = (
  options: TrackerOptions,
  hostname: string,
  signals: PrivacySignals,
): boolean | undefined =>
  (options.allowLocal == null && LOCAL_HOST.test(hostname)) ||
  (options.allowAutomation == null && signals.webdriver) ||
  (options.respectDnt != null && (signals.doNotTrack === '1' || signals.globalPrivacyControl));
