/** The shape every `teamloop <command>` implements; commands are listed in `./commands.ts`. */
import type { Env } from '../config.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  readonly io: CliIo;
  /** Aborted on Ctrl-C / SIGTERM: long-running commands stop cleanly when it fires. */
  readonly signal: AbortSignal;
  /** Environment for the configuration (defaults to `process.env`; tests pass their own). */
  readonly env?: Env;
}

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text shown by `teamloop <command> --help`. */
  readonly help: string;
  /** Resolves with the process exit code. */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/** Exit codes: 0 ok, 1 failure, 2 wrong usage (like most Unix tools). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
