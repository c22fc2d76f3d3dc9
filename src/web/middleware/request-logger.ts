/**
 * Request logging with a request id per request: a well-formed incoming `X-Request-Id` (from a
 * load balancer or the LMS proxy) is kept, otherwise one is generated; either way it is echoed
 * in the response header and attached to every log line of the request (`req.log`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, stdSerializers } from 'pino-http';
import type { RequestHandler } from 'express';
import { redactUrl, type Logger } from '../../logger.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Long enough for UUIDs and trace ids, short and plain enough to be safe in logs. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestIdFor(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && ACCEPTABLE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

export function createRequestLogger(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customLogLevel(req, res, err) {
      if (err !== undefined || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      // Load balancers probe health every few seconds: keep those out of the info log.
      return req.url?.startsWith('/health/') === true ? 'debug' : 'info';
    },
    serializers: {
      req(req: IncomingMessage) {
        const serialized = stdSerializers.req(req);
        return {
          id: serialized.id,
          method: serialized.method,
          url: redactUrl(serialized.url),
          headers: serialized.headers,
        };
      },
      // Response headers are ours and the same every time: the status is what matters.
      res(res: ServerResponse) {
        return { statusCode: res.statusCode };
      },
    },
  });
  return middleware as unknown as RequestHandler;
}
