import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Express 4 does not see a rejected promise from a handler: the request would hang and the
 * rejection go unhandled. Every async handler is wrapped so its failure reaches the error handler.
 */
export function asyncRoute(
  handler: (req: Request, res: Response, next: NextFunction) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}
