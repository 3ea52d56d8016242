/**
 * A one-line progress bar on stderr: lines read, lines per second, and a percentage when the
 * total size is known (files, not stdin). Only started when stderr is a terminal.
 */
import type { Writable } from 'node:stream';
import type { LogsProgress } from './analyze-logs.ts';

export interface ProgressBar {
  /** Prints a line above the bar. */
  note(message: string): void;
  stop(): void;
}

const WIDTH = 24;
const CLEAR = '\r\u001b[K';

function compact(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(0)}k`;
  return String(Math.round(value));
}

export function renderProgress(progress: LogsProgress, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? progress.lines / elapsedSeconds : 0;
  const counts = `${progress.lines.toLocaleString('en-US')} lines  ${compact(rate)} lines/s`;
  if (!progress.totalBytes) return `reading… ${counts}`;
  const fraction = Math.min(1, progress.bytesRead / progress.totalBytes);
  const filled = Math.round(fraction * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  return `${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${counts}`;
}

export function startProgressBar(
  stream: Writable,
  progress: LogsProgress,
  intervalMs = 200,
): ProgressBar {
  const started = performance.now();
  const draw = (): void => {
    stream.write(`${CLEAR}${renderProgress(progress, (performance.now() - started) / 1000)}`);
  };
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return {
    note(message) {
      stream.write(`${CLEAR}${message}\n`);
    },
    stop() {
      clearInterval(timer);
      stream.write(CLEAR);
    },
  };
}
