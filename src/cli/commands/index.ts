import type { Command } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { logsCommand } from './logs.ts';

/** Every `penumbra` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [classifyCommand, logsCommand];
