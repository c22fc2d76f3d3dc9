import type { CliCommand } from './command.js';
import { dbCommand } from './commands/db.js';
import { xapiCommand } from './commands/xapi.js';

/**
 * Every `teamloop` subcommand, in the order `--help` lists them. Later: `platform` (add, list,
 * remove), `xapi status`, `tool-info`; each is one file in `./commands/`.
 */
export const COMMANDS: readonly CliCommand[] = [dbCommand, xapiCommand];
