import type { Command, CommandIo } from './command.ts';
import { UsageError } from './command.ts';
import { COMMANDS } from './commands/index.ts';

const VERSION = '0.1.0';

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'penumbra — see dark social, serve people where they talk',
    '',
    'Usage: penumbra <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `penumbra <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

function defaultIo(): CommandIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}

/** Runs the CLI and resolves to the exit code; never calls process.exit itself. */
export async function main(argv: string[], io: CommandIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topLevelHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`penumbra: unknown command "${name}" (run \`penumbra --help\`)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`penumbra ${command.name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`penumbra ${command.name}: ${message}\n`);
    return 1;
  }
}
