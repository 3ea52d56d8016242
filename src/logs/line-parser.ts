/** The line parser of each log format, behind one signature. */
import type { LogFormat } from './log-format.ts';
import { parseCombinedLine } from './parse-combined.ts';
import { parseCaddyLine, parseJsonLine } from './parse-json-line.ts';
import type { InvalidReason, ParsedLine } from './parsed-line.ts';

/** Fills `out` and returns null, or returns why the line is invalid. */
export type LineParser = (line: string, out: ParsedLine) => InvalidReason | null;

export function lineParserFor(format: LogFormat): LineParser {
  switch (format.name) {
    case 'combined':
      return (line, out) => parseCombinedLine(line, out, true);
    case 'common':
      return (line, out) => parseCombinedLine(line, out, false);
    case 'caddy':
      return parseCaddyLine;
    case 'json':
      return (line, out) => parseJsonLine(line, format.fields, out);
  }
}
