/**
 * `npx teamloop <command> [options]`: operator tasks. `runCli` dispatches to the command
 * (testable with any io and signal); `main` wires it to the real process.
 */
import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from './command.js';
import { COMMANDS } from './commands.js';

export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: teamloop <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "teamloop <command> --help" for the options of a command.',
  ].join('\n');
}

export async function runCli(
  argv: readonly string[],
  context: CliContext,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  // Only the global part is parsed here; everything after the command name belongs to it.
  const { tokens } = parseArgs({ args: [...argv], strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((token) => token.kind === 'positional' || token.kind === 'option');
  if (first === undefined || (first.kind === 'option' && (first.name === 'help' || first.name === 'h'))) {
    context.io.out(usage(commands));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first.kind !== 'positional') {
    context.io.err(`teamloop: unknown option "${first.rawName}"\n\n${usage(commands)}`);
    return EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === first.value);
  if (command === undefined) {
    context.io.err(`teamloop: unknown command "${first.value}"\n\n${usage(commands)}`);
    return EXIT_USAGE;
  }
  return command.run(argv.slice(first.index + 1), context);
}

export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    return await runCli(argv, {
      io: { out: (text) => console.log(text), err: (text) => console.error(text) },
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
}
