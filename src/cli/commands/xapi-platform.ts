/**
 * `teamloop xapi-platform <issuer> [options]` (also `teamloop xapi platform …`): view or set one
 * platform's xAPI settings — its own LRS (statements of that platform go there instead of the
 * global LRS) and its privacy choices (identity mode, free text opt-in and cap). The LRS secret
 * is stored encrypted (`xapiPlatformSettings`, AES-256-GCM under LTI_ENCRYPTION_KEY) and never
 * printed. Running tools pick changes up on their next delivery pass (LRS) and within a minute
 * (privacy of learning-event statements; launches read it every time).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../../config.js';
import { createPlatformRepo } from '../../store/lti/platform-repo.js';
import { createLrsClient, LrsHttpError, type LrsTarget } from '../../xapi/lrs-client.js';
import type { PlatformXapiSettings } from '../../xapi/platform-settings.js';
import { IDENTITY_MODES, type IdentityMode, type XapiPrivacy } from '../../xapi/xapi-context.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from '../command.js';
import { withXapiRuntime } from '../xapi-cli-runtime.js';

/** Bounds of the free-text cap, in characters. */
export const FREE_TEXT_LIMIT_RANGE = { min: 1, max: 10_000 } as const;

const HELP = [
  'Usage: teamloop xapi-platform <issuer> [options]     (or: teamloop xapi platform <issuer> ...)',
  '',
  "Without options: shows the platform's xAPI settings. With options: changes them.",
  '',
  'Privacy:',
  `  --identity MODE           how people appear in statements: ${IDENTITY_MODES.join(' | ')}`,
  '                            (pseudonymous: keyed hash of issuer + subject; lti-sub: the LMS subject;',
  '                            email: the e-mail the LMS sends, else the pseudonym)',
  '  --send-free-text on|off   send what people write (comments, objections, reflections, stories)',
  `  --free-text-limit N       longest free text sent, in characters (${FREE_TEXT_LIMIT_RANGE.min}..${FREE_TEXT_LIMIT_RANGE.max})`,
  '',
  "The platform's own LRS (all three together):",
  '  --lrs-endpoint URL        xAPI endpoint, e.g. https://lrs.example.org/xapi/',
  '  --lrs-key KEY             Basic auth user / key',
  '  --lrs-secret SECRET       Basic auth password / secret (stored encrypted, never shown), or',
  '  --lrs-secret-env NAME     read the secret from environment variable NAME (keeps it out of',
  '                            the shell history and process list)',
  '  --no-check                save the LRS without checking it answers and accepts the credentials',
  "  --global-lrs              remove the platform's own LRS: its statements go to the global LRS",
  '',
  'The issuer must be a registered platform (teamloop platform list).',
  'Uses MONGODB_URI; without it, the embedded database in DATA_DIR/db (stop Teamloop first).',
].join('\n');

interface Changes {
  readonly privacy: Partial<XapiPrivacy>;
  /** A new LRS, `null` to drop the platform's own LRS, undefined to keep what is set. */
  readonly lrs: LrsTarget | null | undefined;
  readonly check: boolean;
}

type Parsed = { readonly issuer: string; readonly changes: Changes } | { readonly error: string };

function parse(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: {
        identity: { type: 'string' },
        'send-free-text': { type: 'string' },
        'free-text-limit': { type: 'string' },
        'lrs-endpoint': { type: 'string' },
        'lrs-key': { type: 'string' },
        'lrs-secret': { type: 'string' },
        'lrs-secret-env': { type: 'string' },
        'no-check': { type: 'boolean' },
        'global-lrs': { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (err) {
    return { error: (err as Error).message };
  }
  const [issuer, ...extra] = positionals;
  if (issuer === undefined || issuer.trim() === '') return { error: 'missing the platform issuer' };
  if (extra.length > 0) return { error: `unexpected arguments "${extra.join(' ')}"` };

  const privacy: { -readonly [K in keyof XapiPrivacy]?: XapiPrivacy[K] } = {};
  const identity = values['identity'];
  if (typeof identity === 'string') {
    if (!(IDENTITY_MODES as readonly string[]).includes(identity))
      return { error: `--identity must be one of ${IDENTITY_MODES.join(', ')} (got "${identity}")` };
    privacy.identity = identity as IdentityMode;
  }
  const freeText = values['send-free-text'];
  if (typeof freeText === 'string') {
    if (freeText !== 'on' && freeText !== 'off')
      return { error: `--send-free-text must be "on" or "off" (got "${freeText}")` };
    privacy.sendFreeText = freeText === 'on';
  }
  const limit = values['free-text-limit'];
  if (typeof limit === 'string') {
    const n = Number(limit);
    if (!/^\d+$/.test(limit) || n < FREE_TEXT_LIMIT_RANGE.min || n > FREE_TEXT_LIMIT_RANGE.max)
      return {
        error: `--free-text-limit must be a whole number from ${FREE_TEXT_LIMIT_RANGE.min} to ${FREE_TEXT_LIMIT_RANGE.max} (got "${limit}")`,
      };
    privacy.freeTextLimit = n;
  }

  const endpoint = values['lrs-endpoint'];
  const key = values['lrs-key'];
  const secretEnv = values['lrs-secret-env'];
  if (typeof values['lrs-secret'] === 'string' && typeof secretEnv === 'string')
    return { error: 'give --lrs-secret or --lrs-secret-env, not both' };
  let secret = values['lrs-secret'];
  if (typeof secretEnv === 'string') {
    secret = env[secretEnv];
    if (secret === undefined || secret === '')
      return { error: `--lrs-secret-env: environment variable ${secretEnv} is not set` };
  }
  const lrsParts = [endpoint, key, secret].filter((v) => typeof v === 'string');
  let lrs: LrsTarget | null | undefined;
  if (values['global-lrs'] === true) {
    if (lrsParts.length > 0) return { error: '--global-lrs cannot be combined with --lrs-* options' };
    lrs = null;
  } else if (lrsParts.length > 0) {
    if (lrsParts.length < 3)
      return { error: '--lrs-endpoint, --lrs-key and --lrs-secret (or --lrs-secret-env) go together' };
    if (!isHttpUrl(endpoint as string))
      return { error: `--lrs-endpoint must be an http(s) URL (got "${String(endpoint)}")` };
    if ((key as string).trim() === '' || (secret as string) === '')
      return { error: '--lrs-key and --lrs-secret must not be empty' };
    lrs = { endpoint: endpoint as string, username: key as string, password: secret as string };
  }
  return { issuer: issuer.trim(), changes: { privacy, lrs, check: values['no-check'] !== true } };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

/** The settings as an operator reads them; the secret never appears. */
export function describeSettings(settings: PlatformXapiSettings): string[] {
  const p = settings.privacy;
  return [
    `Platform:        ${settings.issuer}`,
    `Identity:        ${p.identity}`,
    `Free text:       ${p.sendFreeText ? `sent, capped at ${p.freeTextLimit} characters` : `not sent (cap when on: ${p.freeTextLimit})`}`,
    settings.lrs === undefined
      ? 'LRS:             the global LRS (LRS_ENDPOINT)'
      : `LRS:             ${settings.lrs.endpoint} (key ${settings.lrs.username}, secret stored encrypted)`,
  ];
}

/** Checks that the LRS answers `/about` and accepts the credentials; the problem, or undefined. */
async function checkLrs(target: LrsTarget, timeoutMs: number): Promise<string | undefined> {
  const client = createLrsClient(target, { timeoutMs });
  try {
    await client.about();
    // A statement that cannot exist: 404 (or an empty answer) with good credentials, 401/403 without.
    await client.getStatement(randomUUID());
    return undefined;
  } catch (err) {
    if (err instanceof LrsHttpError && (err.status === 401 || err.status === 403))
      return `the LRS refused the key and secret (${err.status})`;
    return `the LRS did not answer as an xAPI LRS: ${(err as Error).message}`;
  }
}

export function createXapiPlatformCommand(getConfig: () => AppConfig = () => loadConfig()): CliCommand {
  return {
    name: 'xapi-platform',
    summary: "view or set a platform's xAPI settings: its own LRS, identity mode, free text",
    help: HELP,
    async run(args, context: CliContext) {
      const { io } = context;
      if (args.includes('--help') || args.includes('-h')) {
        io.out(HELP);
        return EXIT_OK;
      }
      const parsed = parse(args, context.env ?? process.env);
      if ('error' in parsed) {
        io.err(`teamloop xapi-platform: ${parsed.error}\n\n${HELP}`);
        return EXIT_USAGE;
      }
      const { issuer, changes } = parsed;
      const config = getConfig();
      const result = await withXapiRuntime(config, io, async (runtime, connection) => {
        const registered = await createPlatformRepo(connection).findByIssuer(issuer);
        if (registered.length === 0) {
          io.err(
            `teamloop xapi-platform: no platform is registered with issuer "${issuer}" (see: teamloop platform list)`,
          );
          return EXIT_FAILURE;
        }
        const current = await runtime.platformSettings.get(issuer);
        const changing = Object.keys(changes.privacy).length > 0 || changes.lrs !== undefined;
        if (!changing) {
          describeSettings(current).forEach((line) => io.out(line));
          return EXIT_OK;
        }
        if (changes.lrs != null && changes.check) {
          const problem = await checkLrs(changes.lrs, config.xapi.requestTimeoutMs);
          if (problem !== undefined) {
            io.err(`teamloop xapi-platform: ${problem}. Nothing saved (--no-check saves it anyway).`);
            return EXIT_FAILURE;
          }
        }
        const next: PlatformXapiSettings = {
          issuer,
          privacy: { ...current.privacy, ...changes.privacy },
          lrs: changes.lrs === undefined ? current.lrs : (changes.lrs ?? undefined),
        };
        await runtime.platformSettings.save(next, new Date());
        io.out('Saved.');
        describeSettings(next).forEach((line) => io.out(line));
        return EXIT_OK;
      });
      return result ?? EXIT_FAILURE;
    },
  };
}

export const xapiPlatformCommand = createXapiPlatformCommand();
