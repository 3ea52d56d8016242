import { execFileSync } from 'node:child_process';

// CLI tests spawn ./bin/penumbra, which runs dist/: rebuild it once so tests never see stale code.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
