import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built tracker, read once at start-up (null when `npm run build` has not run). */
export interface TrackerAssets {
  script: string | null;
  module: string | null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function loadTrackerAssets(distDir: string): TrackerAssets {
  return {
    script: readOrNull(join(distDir, 'p.js')),
    module: readOrNull(join(distDir, 'tracker.mjs')),
  };
}
