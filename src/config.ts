/**
 * Typed, validated configuration. This is the only module that reads `process.env`; everything
 * else receives the frozen `AppConfig` through `compose.ts`. Validation runs at boot and reports
 * every bad variable at once (one screen), so an operator fixes the environment in one go.
 */
import { NEVER_ALLOWED_TYPES } from './domain/submission/content-sniffing.js';
import path from 'node:path';
import { z } from 'zod';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LrsConfig {
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
}

export interface XapiConfig {
  /** Secret of the keyed hash behind pseudonymous actors; undefined = development secret in DATA_DIR. */
  readonly actorSecret: string | undefined;
  /** Statements per POST to the LRS (1 to 100). */
  readonly batchSize: number;
  /** How often the delivery worker looks for due statements when idle. */
  readonly pollIntervalMs: number;
  /** Longest an LRS request may take. */
  readonly requestTimeoutMs: number;
  /** Whether this process runs the delivery worker (all processes may; leases keep them apart). */
  readonly delivery: boolean;
  /** Days a delivered statement stays in the outbox before it is purged (dead letters stay). */
  readonly sentRetentionDays: number;
}

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  /** Interface the HTTP server binds (`0.0.0.0` by default; tests use `127.0.0.1`). */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Base URL people and platforms use to reach the tool, without a trailing slash. */
  readonly publicUrl: string;
  /** Absolute path; holds `db/` (embedded database) and `dev-encryption-key` outside production. */
  readonly dataDir: string;
  /** Undefined = start the embedded database under `<dataDir>/db` (never in production). */
  readonly mongodbUri: string | undefined;
  /** Database name for the app's own data: the URI's path, else `teamloop`. */
  readonly mongodbDbName: string;
  /** Undefined = generate and persist a development key under `dataDir` (never in production). */
  readonly ltiEncryptionKey: string | undefined;
  readonly lrs: LrsConfig | undefined;
  readonly xapi: XapiConfig;
  readonly demoPlatform: boolean;
  readonly logLevel: LogLevel;
  readonly shutdownTimeoutMs: number;
  /** How often the phase scheduler moves team tasks whose dates have come (TEAM_TASK_SCHEDULE_INTERVAL_MS). */
  readonly phaseScheduleIntervalMs: number;
  /** Extra origins allowed to frame the tool (CSP `frame-ancestors`), besides `'self'` and registered platforms. */
  readonly frameAncestors: readonly string[];
  readonly lti: LtiConfig;
  readonly submissions: SubmissionFilesConfig;
  readonly advantage: AdvantageConfig;
}

/** LTI Advantage services (names and roles, grade passback). */
export interface AdvantageConfig {
  /** Longest one call to a platform's token, NRPS or AGS endpoint may take. */
  readonly serviceTimeoutMs: number;
  /** A facilitator's launch refreshes the roster when the last sync is older than this (0 = every launch). */
  readonly rosterSyncMaxAgeMinutes: number;
  /** Whether this process runs the grade-publishing worker. */
  readonly gradePublishing: boolean;
  /** How often an idle grade-publishing worker looks for due scores. */
  readonly gradePollIntervalMs: number;
  /** First retry delay after a failed publish; doubles per attempt (Retry-After may lengthen it). */
  readonly gradeRetryBaseMs: number;
  /** Attempts before a publish counts as failed (the facilitator may retry it then). */
  readonly gradeMaxAttempts: number;
}

/** Files learners attach to submissions (stored in GridFS). */
export interface SubmissionFilesConfig {
  /** Largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Lower-case MIME types accepted, as sniffed from the content (never HTML, SVG, XML or scripts). */
  readonly allowedContentTypes: readonly string[];
}

export const DEFAULT_SUBMISSION_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'];

export interface LtiConfig {
  /** Database (same server) where ltijs keeps its platforms, keys and sessions. */
  readonly databaseName: string;
  /** Directory with platform registration files (`*.json`), loaded at boot. */
  readonly configDir: string;
  /** How old (seconds) an id_token may be. */
  readonly maxTokenAgeSeconds: number;
  /** How far (seconds) a platform's clock may run ahead of ours. */
  readonly clockSkewSeconds: number;
  /** LTI roles (short names or full URIs) that make someone an L&D viewer. */
  readonly viewerRoles: readonly string[];
  /** LTI Dynamic Registration through one-time links (`npx teamloop platform registration-link`). */
  readonly dynamicRegistration: boolean;
}

export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** Thrown by `loadConfig`; `format()` gives the one-screen report printed at boot. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(`invalid configuration: ${issues.map((i) => i.variable).join(', ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }

  format(): string {
    const width = Math.max(...this.issues.map((i) => i.variable.length));
    return [
      'Teamloop cannot start: the configuration is invalid.',
      '',
      ...this.issues.map((i) => `  ${i.variable.padEnd(width)}  ${i.message}`),
      '',
      'Fix these environment variables and start again (see "Configuration" in README.md).',
    ].join('\n');
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;
const MONGODB_URI_PATTERN = /^mongodb(\+srv)?:\/\/[^/?#]+(\/([^?#]*))?([?#].*)?$/;
const MIN_KEY_LENGTH = 32;

/** Empty strings count as "not set", as they do in most `.env` and compose files. */
const optionalString = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().optional(),
);

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an http(s) URL' },
);

const origin = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { message: 'must be a comma-separated list of origins such as https://moodle.example.edu' },
);

function wholeNumber(min: number, max: number, unit: string) {
  const message = `must be a whole number${unit} (${min} to ${max})`;
  return optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, { message })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { message })
      .optional(),
  );
}

const schema = z
  .object({
    NODE_ENV: z.preprocess(
      (v) => (v === undefined || v === '' ? 'development' : v),
      z.enum(NODE_ENVS, {
        message: `must be one of ${NODE_ENVS.join(', ')}`,
      }),
    ),
    HOST: optionalString,
    PORT: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: 'must be a whole number between 0 and 65535' })
        .transform(Number)
        .refine((n) => n <= 65535, { message: 'must be a whole number between 0 and 65535' })
        .optional(),
    ),
    PUBLIC_URL: optionalString.pipe(httpUrl.optional()),
    DATA_DIR: optionalString,
    MONGODB_URI: optionalString.pipe(
      z
        .string()
        .regex(MONGODB_URI_PATTERN, { message: 'must be a mongodb:// or mongodb+srv:// connection string' })
        .optional(),
    ),
    LTI_ENCRYPTION_KEY: optionalString.pipe(
      z
        .string()
        .min(MIN_KEY_LENGTH, {
          message: `must be at least ${MIN_KEY_LENGTH} characters (try: openssl rand -base64 32)`,
        })
        .optional(),
    ),
    LRS_ENDPOINT: optionalString.pipe(httpUrl.optional()),
    LRS_USERNAME: optionalString,
    LRS_PASSWORD: optionalString,
    XAPI_ACTOR_SECRET: optionalString.pipe(
      z
        .string()
        .min(MIN_KEY_LENGTH, {
          message: `must be at least ${MIN_KEY_LENGTH} characters (try: openssl rand -base64 32)`,
        })
        .optional(),
    ),
    XAPI_BATCH_SIZE: wholeNumber(1, 100, ''),
    XAPI_POLL_INTERVAL_MS: wholeNumber(50, 600_000, ' of milliseconds'),
    XAPI_REQUEST_TIMEOUT_MS: wholeNumber(100, 300_000, ' of milliseconds'),
    TEAM_TASK_SCHEDULE_INTERVAL_MS: wholeNumber(1000, 3_600_000, ' of milliseconds'),
    XAPI_SENT_RETENTION_DAYS: wholeNumber(1, 3650, ' of days'),
    XAPI_DELIVERY: optionalString.pipe(
      z.enum(['on', 'off'], { message: 'must be "on" or "off"' }).optional(),
    ),
    DEMO_PLATFORM: optionalString.pipe(
      z.enum(['on', 'off'], { message: 'must be "on" or "off"' }).optional(),
    ),
    LOG_LEVEL: optionalString.pipe(
      z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
    ),
    SHUTDOWN_TIMEOUT_MS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: 'must be a whole number of milliseconds (100 to 600000)' })
        .transform(Number)
        .refine((n) => n >= 100 && n <= 600_000, {
          message: 'must be a whole number of milliseconds (100 to 600000)',
        })
        .optional(),
    ),
    LTI_DB_NAME: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,63}$/, { message: 'must be a database name (letters, digits, _ and -)' })
        .optional(),
    ),
    LTI_CONFIG_DIR: optionalString,
    LTI_TOKEN_MAX_AGE_SECONDS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: 'must be a whole number of seconds (5 to 600)' })
        .transform(Number)
        .refine((n) => n >= 5 && n <= 600, { message: 'must be a whole number of seconds (5 to 600)' })
        .optional(),
    ),
    LTI_CLOCK_SKEW_SECONDS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: 'must be a whole number of seconds (0 to 300)' })
        .transform(Number)
        .refine((n) => n <= 300, { message: 'must be a whole number of seconds (0 to 300)' })
        .optional(),
    ),
    LTI_VIEWER_ROLES: optionalString.transform((v) =>
      v === undefined ? undefined : v.split(/[\s,]+/).filter((s) => s !== ''),
    ),
    LTI_DYNAMIC_REGISTRATION: optionalString.pipe(
      z.enum(['on', 'off'], { message: 'must be "on" or "off"' }).optional(),
    ),
    SUBMISSION_MAX_FILE_BYTES: wholeNumber(1, 100 * 1024 * 1024, ' of bytes'),
    SUBMISSION_FILE_TYPES: optionalString
      .transform((v) =>
        v === undefined
          ? undefined
          : v
              .split(/[\s,]+/)
              .filter((t) => t !== '')
              .map((t) => t.toLowerCase()),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, {
                message: 'must be a comma-separated list of MIME types such as application/pdf,image/png',
              })
              .refine((t) => !NEVER_ALLOWED_TYPES.includes(t), {
                message: 'must not include types a browser renders or runs (HTML, SVG, XML, JavaScript)',
              }),
          )
          .min(1, { message: 'must name at least one MIME type' })
          .optional(),
      ),
    LTI_SERVICE_TIMEOUT_MS: wholeNumber(100, 300_000, ' of milliseconds'),
    ROSTER_SYNC_MAX_AGE_MINUTES: wholeNumber(0, 525_600, ' of minutes'),
    GRADE_PUBLISHING: optionalString.pipe(
      z.enum(['on', 'off'], { message: 'must be "on" or "off"' }).optional(),
    ),
    GRADE_PUBLISH_POLL_INTERVAL_MS: wholeNumber(20, 600_000, ' of milliseconds'),
    GRADE_PUBLISH_RETRY_BASE_MS: wholeNumber(10, 3_600_000, ' of milliseconds'),
    GRADE_PUBLISH_MAX_ATTEMPTS: wholeNumber(1, 100, ''),
    FRAME_ANCESTORS: optionalString
      .transform((v) => (v === undefined ? [] : v.split(/[\s,]+/).filter((s) => s !== '')))
      .pipe(z.array(origin)),
  })
  .superRefine((env, ctx) => {
    const lrs = [env.LRS_ENDPOINT, env.LRS_USERNAME, env.LRS_PASSWORD];
    const given = lrs.filter((v) => v !== undefined).length;
    if (given > 0 && given < lrs.length) {
      for (const name of ['LRS_ENDPOINT', 'LRS_USERNAME', 'LRS_PASSWORD'] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'set LRS_ENDPOINT, LRS_USERNAME and LRS_PASSWORD together, or none of them',
          });
        }
      }
    }
    if (env.NODE_ENV === 'production') {
      if (env.MONGODB_URI === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['MONGODB_URI'],
          message: 'required in production (the embedded database is for development and tests only)',
        });
      }
      if (env.XAPI_ACTOR_SECRET === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['XAPI_ACTOR_SECRET'],
          message:
            'required in production (the pseudonyms of people in the LRS depend on it; keep it stable)',
        });
      }
      if (env.LTI_ENCRYPTION_KEY === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['LTI_ENCRYPTION_KEY'],
          message: 'required in production (a development key is generated only outside production)',
        });
      }
    }
  });

/** Variables whose values must never be echoed back in an error report. */
const SECRET_VARIABLES = new Set(['LTI_ENCRYPTION_KEY', 'LRS_PASSWORD', 'MONGODB_URI', 'XAPI_ACTOR_SECRET']);

/**
 * Reads and validates the configuration from `env` (defaults to `process.env`).
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue): ConfigIssue => {
      const variable = String(issue.path[0] ?? 'environment');
      const raw = env[variable];
      const shown =
        raw !== undefined && raw !== '' && !SECRET_VARIABLES.has(variable) ? ` (got "${raw}")` : '';
      return { variable, message: `${issue.message}${shown}` };
    });
    // One line per variable: the first problem is the one to fix.
    const unique = issues.filter((issue, i) => issues.findIndex((o) => o.variable === issue.variable) === i);
    throw new ConfigError(unique);
  }
  const v = parsed.data;
  const port = v.PORT ?? 3000;
  const lrs: LrsConfig | undefined =
    v.LRS_ENDPOINT !== undefined && v.LRS_USERNAME !== undefined && v.LRS_PASSWORD !== undefined
      ? { endpoint: v.LRS_ENDPOINT, username: v.LRS_USERNAME, password: v.LRS_PASSWORD }
      : undefined;
  const config: AppConfig = {
    nodeEnv: v.NODE_ENV,
    host: v.HOST ?? '0.0.0.0',
    port,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir: path.resolve(v.DATA_DIR ?? './data'),
    mongodbUri: v.MONGODB_URI,
    mongodbDbName: databaseNameOf(v.MONGODB_URI) ?? 'teamloop',
    ltiEncryptionKey: v.LTI_ENCRYPTION_KEY,
    lrs: lrs === undefined ? undefined : Object.freeze(lrs),
    xapi: Object.freeze({
      actorSecret: v.XAPI_ACTOR_SECRET,
      batchSize: v.XAPI_BATCH_SIZE ?? 100,
      pollIntervalMs: v.XAPI_POLL_INTERVAL_MS ?? 1000,
      requestTimeoutMs: v.XAPI_REQUEST_TIMEOUT_MS ?? 15_000,
      delivery: (v.XAPI_DELIVERY ?? 'on') === 'on',
      sentRetentionDays: v.XAPI_SENT_RETENTION_DAYS ?? 30,
    }),
    demoPlatform: (v.DEMO_PLATFORM ?? (v.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    logLevel: v.LOG_LEVEL ?? 'info',
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    phaseScheduleIntervalMs: v.TEAM_TASK_SCHEDULE_INTERVAL_MS ?? 60_000,
    frameAncestors: Object.freeze([...v.FRAME_ANCESTORS]),
    lti: Object.freeze({
      databaseName: v.LTI_DB_NAME ?? `${databaseNameOf(v.MONGODB_URI) ?? 'teamloop'}_lti`,
      configDir: path.resolve(v.LTI_CONFIG_DIR ?? './lti-config'),
      maxTokenAgeSeconds: v.LTI_TOKEN_MAX_AGE_SECONDS ?? 60,
      clockSkewSeconds: v.LTI_CLOCK_SKEW_SECONDS ?? 5,
      viewerRoles: Object.freeze([
        ...(v.LTI_VIEWER_ROLES ?? ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Observer']),
      ]),
      dynamicRegistration: v.LTI_DYNAMIC_REGISTRATION === 'on',
    }),
    submissions: Object.freeze({
      maxFileBytes: v.SUBMISSION_MAX_FILE_BYTES ?? 10 * 1024 * 1024,
      allowedContentTypes: Object.freeze([...(v.SUBMISSION_FILE_TYPES ?? DEFAULT_SUBMISSION_FILE_TYPES)]),
    }),
    advantage: Object.freeze({
      serviceTimeoutMs: v.LTI_SERVICE_TIMEOUT_MS ?? 10_000,
      rosterSyncMaxAgeMinutes: v.ROSTER_SYNC_MAX_AGE_MINUTES ?? 60,
      gradePublishing: (v.GRADE_PUBLISHING ?? 'on') === 'on',
      gradePollIntervalMs: v.GRADE_PUBLISH_POLL_INTERVAL_MS ?? 2000,
      gradeRetryBaseMs: v.GRADE_PUBLISH_RETRY_BASE_MS ?? 10_000,
      gradeMaxAttempts: v.GRADE_PUBLISH_MAX_ATTEMPTS ?? 8,
    }),
  };
  return Object.freeze(config);
}

function databaseNameOf(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  const name = MONGODB_URI_PATTERN.exec(uri)?.[3];
  return name === undefined || name === '' ? undefined : decodeURIComponent(name);
}
