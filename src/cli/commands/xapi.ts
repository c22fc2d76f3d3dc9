/**
 * `teamloop xapi status | retry-dead | platform`: the xAPI outbox for operators (`platform` is
 * `teamloop xapi-platform`). Connects to MONGODB_URI, or (development) opens the embedded
 * database in DATA_DIR/db, which only works while no Teamloop runs on it.
 */
import { loadConfig, type AppConfig } from '../../config.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command.js';
import { withXapiRuntime } from '../xapi-cli-runtime.js';
import { createXapiPlatformCommand } from './xapi-platform.js';

const HELP = [
  'Usage: teamloop xapi <status | retry-dead | platform>',
  '',
  '  status       queue depth, oldest pending statement, dead letters, and per LRS: last success,',
  '               pause (credentials refused) and circuit breaker',
  '  retry-dead   put every dead-lettered statement back in the queue (same id, same content)',
  '               and lift LRS pauses; run it after fixing the cause',
  "  platform     view or set a platform's LRS and privacy settings (teamloop xapi platform --help)",
  '',
  'Uses MONGODB_URI; without it, the embedded database in DATA_DIR/db (stop Teamloop first).',
].join('\n');

const iso = (d: Date | null | undefined): string => (d == null ? '-' : d.toISOString());

export function createXapiCommand(getConfig: () => AppConfig = () => loadConfig()): CliCommand {
  return {
    name: 'xapi',
    summary: 'xAPI outbox: status (queue, dead letters, LRS health) and retry-dead',
    help: HELP,
    async run(args, context) {
      const { io } = context;
      const [sub, ...rest] = args;
      if (sub === 'platform') return createXapiPlatformCommand(getConfig).run(rest, context);
      if (sub === '--help' || sub === '-h') {
        io.out(HELP);
        return EXIT_OK;
      }
      if ((sub !== 'status' && sub !== 'retry-dead') || rest.length > 0) {
        io.err(
          `teamloop xapi: ${sub === undefined ? 'missing subcommand' : `unknown arguments "${args.join(' ')}"`}\n\n${HELP}`,
        );
        return EXIT_USAGE;
      }
      const config = getConfig();
      const result = await withXapiRuntime(config, io, async (runtime) => {
        if (sub === 'retry-dead') {
          const count = await runtime.retryDead();
          io.out(`Re-queued ${count} dead-lettered statement${count === 1 ? '' : 's'}.`);
          return EXIT_OK;
        }
        const s = await runtime.status();
        io.out(`Queue depth:     ${s.pending} pending`);
        io.out(`Oldest pending:  ${iso(s.oldestPendingAt)}`);
        io.out(
          `Dead letters:    ${s.dead}${s.dead > 0 ? '  (fix the cause, then: teamloop xapi retry-dead)' : ''}`,
        );
        io.out(`Delivered:       ${s.sent}`);
        const configured = [
          ...(config.lrs === undefined ? [] : ['global']),
          ...(await runtime.platformSettings.withOwnLrs()).map((p) => `platform:${p.issuer}`),
        ];
        const ids = [...new Set([...configured, ...s.lrs.map((l) => l._id)])];
        if (ids.length === 0)
          io.out('LRS:             none configured (set LRS_ENDPOINT, LRS_USERNAME, LRS_PASSWORD)');
        for (const id of ids) {
          const l = s.lrs.find((x) => x._id === id);
          const flags = [
            l?.pausedReason != null ? `paused until ${iso(l.pausedUntil)}: ${l.pausedReason}` : undefined,
            l?.circuitOpenUntil != null ? `circuit open until ${iso(l.circuitOpenUntil)}` : undefined,
            l?.lastError != null && l.lastFailureAt != null
              ? `last error ${iso(l.lastFailureAt)}: ${l.lastError}`
              : undefined,
          ].filter((f) => f !== undefined);
          io.out(
            `LRS ${id}: last success ${iso(l?.lastSuccessAt)}${flags.length > 0 ? `; ${flags.join('; ')}` : ''}`,
          );
        }
        return EXIT_OK;
      });
      return result ?? EXIT_FAILURE;
    },
  };
}

export const xapiCommand = createXapiCommand();
