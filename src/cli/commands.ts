import type { CliCommand } from './command.js';
import { dbCommand } from './commands/db.js';
import { platformCommand } from './commands/platform.js';
import { toolInfoCommand } from './commands/tool-info.js';
import { xapiCommand } from './commands/xapi.js';
import { xapiPlatformCommand } from './commands/xapi-platform.js';

/** Every `teamloop` subcommand, in the order `--help` lists them; each is one file in `./commands/`. */
export const COMMANDS: readonly CliCommand[] = [
  dbCommand,
  platformCommand,
  toolInfoCommand,
  xapiCommand,
  xapiPlatformCommand,
];
