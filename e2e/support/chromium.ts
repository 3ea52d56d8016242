import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); nothing is downloaded at test time. */
export const CHROMIUM_PATH = process.env.PENUMBRA_CHROMIUM ?? '/usr/bin/chromium';

// Measured to start reliably in containers without a display, GPU, sandbox or network.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with a fresh, throw-away profile (playwright creates a temporary one). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
