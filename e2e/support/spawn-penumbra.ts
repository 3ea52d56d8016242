import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'penumbra');

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts `penumbra <args>` and resolves with its URL once it says it is listening. */
export function spawnPenumbra(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SpawnedServer> {
  const child = spawn(BIN, args, {
    env: { ...process.env, PENUMBRA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`no "listening" line within 20 s:\n${stderr}`)),
      20_000,
    );
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /(?:listening on|open) (http:\/\/[^\s)]+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timeout);
        resolve({ child, url: match[1], stderr: () => stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`penumbra exited with ${code}:\n${stderr}`));
    });
  });
}

/** Resolves when the process has exited (after SIGTERM or SIGKILL). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
