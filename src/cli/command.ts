import type { Readable, Writable } from 'node:stream';

/** What a command may touch: passed in so tests can run commands in-process. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is an interactive terminal (progress bars only then). */
  stderrIsTty: boolean;
}

export interface Command {
  name: string;
  /** One line for `penumbra --help`. */
  summary: string;
  /** Full `--help` text of the command. */
  help: string;
  /** Returns the process exit code. Throw `UsageError` for bad arguments (exit 2). */
  run(argv: string[], io: CommandIo): Promise<number>;
}

/** Bad command-line usage: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
