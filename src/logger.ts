/**
 * Root pino logger. One JSON line per event; modules take `logger.child({ module: '...' })`.
 * Secrets and personal data are redacted here, once, so no call site has to remember it:
 * credentials (authorization, cookies, ltik, id_token, passwords, keys) and the names and e-mail
 * addresses an LMS sends about people.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'ltik',
  'id_token',
  'idToken',
  'password',
  'passwd',
  'secret',
  'key',
  'privateKey',
  'private_key',
  'encryptionKey',
  'ltiEncryptionKey',
  'token',
  'accessToken',
  'access_token',
  'name',
  'email',
  'given_name',
  'family_name',
  'middle_name',
  'givenName',
  'familyName',
] as const;

const bracket = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/** The key at the top level and up to three levels deep (pino's `*` matches one level). */
export const REDACT_PATHS: readonly string[] = SENSITIVE_KEYS.flatMap((key) => {
  const tail = bracket(key);
  return [tail.startsWith('.') ? tail.slice(1) : key, `*${tail}`, `*.*${tail}`, `*.*.*${tail}`];
});

export const REDACTED = '[Redacted]';

export interface LoggerOptions {
  readonly level: string;
  /** Where JSON lines go; stdout when omitted. Tests pass a memory stream. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'teamloop' },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Removes credentials that travel in query strings (`?ltik=...`) from a URL before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:ltik|id_token|token|access_token|state|code)=)[^&#]*/gi, `$1${REDACTED}`);
}
