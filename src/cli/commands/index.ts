import type { Command } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { demoCommand } from './demo.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { linksCommand } from './links.ts';
import { logsCommand } from './logs.ts';
import { migrateCommand } from './migrate.ts';
import { recipesCommand } from './recipes.ts';
import { serveCommand } from './serve.ts';
import { sitesCommand } from './sites.ts';
import { tokensCommand } from './tokens.ts';
import { usersCommand } from './users.ts';

/** Every `penumbra` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  demoCommand,
  classifyCommand,
  logsCommand,
  sitesCommand,
  tokensCommand,
  usersCommand,
  linksCommand,
  recipesCommand,
  migrateCommand,
  exportCommand,
  importCommand,
];
