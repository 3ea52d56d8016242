/**
 * Runs a command under GNU time (`/usr/bin/time -v`) and returns its wall time and peak
 * resident memory: the kernel's max-RSS of the process, threads included, which is what
 * `time -v` reads from wait4(2).
 */
import { spawn } from 'node:child_process';

export interface Measurement {
  seconds: number;
  maxRssKb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

function field(report: string, name: string): string {
  const line = report.split('\n').find((l) => l.trim().startsWith(name));
  return line ? line.slice(line.lastIndexOf(': ') + 2).trim() : '';
}

/** `h:mm:ss` or `m:ss.cc` → seconds. */
export function parseElapsed(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

export function measure(command: string, args: string[], cwd: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-v', command, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - started) / 1000;
      const elapsed = parseElapsed(field(stderr, 'Elapsed (wall clock) time'));
      resolve({
        // time -v prints centiseconds; the spawn clock adds a few ms of our own overhead.
        seconds: Number.isFinite(elapsed) && elapsed > 0 ? elapsed : wall,
        maxRssKb: Number(field(stderr, 'Maximum resident set size')) || 0,
        exitCode: code ?? -1,
        stdout,
        stderr,
      });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
