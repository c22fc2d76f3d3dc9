/**
 * The one place where failures become HTTP responses. Domain errors map to a status, a page and
 * a message key (the table below); any other error is internal: the person sees a friendly page
 * with an error id, the log gets the stack under the same id. Requests that prefer JSON get
 * `{ error: { code, message, ... } }`. Nobody ever sees a stack trace.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import {
  DomainError,
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../domain/shared/errors.js';
import { LaunchRefusedError, type LaunchRefusalReason } from '../../domain/lti/launch-refused.js';
import type { Logger } from '../../logger.js';
import { localeOf } from './locale.js';
import { isMessageKey, translate, type Locale, type MessageKey } from '../i18n/translate.js';

interface ErrorPage {
  readonly status: number;
  readonly template: string;
  readonly titleKey: MessageKey;
  readonly messageKey: MessageKey;
}

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

const DOMAIN_ERROR_PAGES: ReadonlyArray<readonly [DomainErrorClass, ErrorPage]> = [
  [
    InvalidInputError,
    {
      status: 422,
      template: 'pages/errors/invalid',
      titleKey: 'errors.invalid.title',
      messageKey: 'errors.invalid.message',
    },
  ],
  [
    NotPermittedError,
    {
      status: 403,
      template: 'pages/errors/error',
      titleKey: 'errors.forbidden.title',
      messageKey: 'errors.forbidden.message',
    },
  ],
  [
    NotFoundError,
    {
      status: 404,
      template: 'pages/errors/error',
      titleKey: 'errors.notFound.title',
      messageKey: 'errors.notFound.message',
    },
  ],
  [
    PhaseConflictError,
    {
      status: 409,
      template: 'pages/errors/error',
      titleKey: 'errors.phaseConflict.title',
      messageKey: 'errors.phaseConflict.message',
    },
  ],
  [
    VersionConflictError,
    {
      status: 409,
      template: 'pages/errors/error',
      titleKey: 'errors.versionConflict.title',
      messageKey: 'errors.versionConflict.message',
    },
  ],
];

const NOT_FOUND_PAGE = DOMAIN_ERROR_PAGES.find(([type]) => type === NotFoundError)![1];
const BAD_REQUEST_PAGE: ErrorPage = {
  status: 400,
  template: 'pages/errors/error',
  titleKey: 'errors.badRequest.title',
  messageKey: 'errors.badRequest.message',
};
const SERVER_ERROR_PAGE: ErrorPage = {
  status: 500,
  template: 'pages/errors/server-error',
  titleKey: 'errors.server.title',
  messageKey: 'errors.server.message',
};

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/** Client errors raised by express and body parsers (`status` 4xx with `expose`), e.g. bad JSON. */
function isHttpClientError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

interface Rendered {
  readonly page: ErrorPage;
  readonly code: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

function send(req: Request, res: Response, { page, code, extra }: Rendered): void {
  const locale = localeOf(res);
  res.status(page.status);
  if (wantsJson(req)) {
    res.json({ error: { code, message: translate(locale, page.messageKey), ...extra } });
    return;
  }
  res.render(
    page.template,
    { titleKey: page.titleKey, messageKey: page.messageKey, ...extra },
    (renderError, html) => {
      if (renderError !== null && renderError !== undefined) {
        req.log.error({ err: renderError }, 'error page failed to render');
        res.type('text/plain; charset=utf-8').send(translate(locale, page.messageKey));
        return;
      }
      res.type('html').send(html);
    },
  );
}

/** HTTP status per refused-launch reason: 400 unreadable, 401 not authentic/valid now, 403 not allowed here. */
const LAUNCH_STATUS: Readonly<Record<LaunchRefusalReason, number>> = {
  'missing-token': 400,
  'malformed-token': 400,
  'token-too-large': 413,
  'unsupported-algorithm': 400,
  'unknown-platform': 403,
  'unknown-key': 401,
  'keyset-unavailable': 424,
  'bad-signature': 401,
  expired: 401,
  'not-yet-valid': 401,
  'issued-in-future': 401,
  'too-old': 401,
  'wrong-audience': 401,
  'azp-mismatch': 401,
  'issuer-mismatch': 401,
  'unknown-deployment': 403,
  'unsupported-message-type': 400,
  'wrong-lti-version': 400,
  'missing-subject': 400,
  'invalid-claims': 400,
  'replayed-nonce': 401,
  'state-mismatch': 401,
  'session-invalid': 401,
  'session-expired': 401,
  'inactive-platform': 403,
  'no-course-role': 403,
  'registration-link-invalid': 403,
};

function sendLaunchRefused(req: Request, res: Response, err: LaunchRefusedError): void {
  const locale = localeOf(res);
  const status = LAUNCH_STATUS[err.reason];
  const reasonKey = `errors.launch.reasons.${err.reason}.reason`;
  const adminKey = `errors.launch.reasons.${err.reason}.admin`;
  res.status(status);
  if (wantsJson(req)) {
    res.json({ error: { code: err.code, reason: err.reason, message: translate(locale, reasonKey) } });
    return;
  }
  res.render('pages/errors/launch', {
    titleKey: 'errors.launch.title',
    reasonKey,
    adminKey,
    reason: err.reason,
  });
}

/** 404 for every route nobody handled. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => send(req, res, { page: NOT_FOUND_PAGE, code: 'not-found', extra: {} });
}

export function errorHandler(options: { readonly logger: Logger }): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a page: let express close the connection.
      next(err);
      return;
    }
    const log = req.log ?? options.logger;
    if (err instanceof LaunchRefusedError) {
      log.warn({ code: err.code, reason: err.reason, detail: err.detail }, 'launch refused');
      sendLaunchRefused(req, res, err);
      return;
    }
    if (err instanceof DomainError) {
      const page = DOMAIN_ERROR_PAGES.find(([type]) => err instanceof type)?.[1];
      if (page !== undefined) {
        log.info({ code: err.code, reason: err.message }, 'request refused');
        const extra =
          err instanceof InvalidInputError ? { issues: describeIssues(err, localeOf(res)) } : ({} as const);
        send(req, res, { page, code: err.code, extra });
        return;
      }
    }
    if (isHttpClientError(err)) {
      log.warn({ reason: (err as Error).message }, 'bad request');
      send(req, res, { page: BAD_REQUEST_PAGE, code: 'bad-request', extra: {} });
      return;
    }
    const errorId = randomUUID();
    log.error({ err, errorId }, 'request failed');
    send(req, res, { page: SERVER_ERROR_PAGE, code: 'internal', extra: { errorId } });
  };
}

function describeIssues(
  err: InvalidInputError,
  locale: Locale,
): ReadonlyArray<{ field: string; problem: string }> {
  return err.issues.map((issue) => {
    const key = `errors.invalid.codes.${issue.code}`;
    return {
      field: issue.field,
      problem: translate(locale, isMessageKey(key) ? key : 'errors.invalid.codes.invalid'),
    };
  });
}
