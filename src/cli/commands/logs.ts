// Placeholder until src/logs lands (issue 3); replaced by the real command.
import type { Command } from '../command.ts';

export const logsCommand: Command = {
  name: 'logs',
  summary: 'dark social from web-server access logs (in progress)',
  help: 'Usage: penumbra logs FILE... (in progress)\n',
  async run(_argv, io) {
    io.stderr.write('penumbra logs: not built yet\n');
    return 1;
  },
};
