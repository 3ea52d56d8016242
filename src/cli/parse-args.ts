import { parseArgs as nodeParseArgs } from 'node:util';
import { UsageError } from './command.ts';

export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }
>;

/**
 * Strict wrapper over node:util parseArgs: unknown flags and missing values become a
 * `UsageError` with a one-line reason, which the CLI turns into exit code 2.
 */
export function parseArgs<T extends OptionSpec>(argv: string[], options: T) {
  try {
    return nodeParseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages run on with advice about `--`; the first sentence is the reason.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.split(/\.\s|\n/)[0] ?? 'invalid arguments');
  }
}

/** Parses a non-negative integer flag value, or throws a `UsageError` naming the flag. */
export function parseIntegerFlag(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new UsageError(`--${name} expects a non-negative integer, got "${value}"`);
  }
  return parsed;
}
