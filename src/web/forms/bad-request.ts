import type { z } from 'zod';

/**
 * A request whose shape no form of ours produces (missing or extra-typed fields, ids with path
 * syntax, a JSON body): 400, nothing changes. It looks like the body parser's own client errors
 * (`status` + `expose`), which the error handler already turns into the "not understood" page.
 */
export class BadRequestError extends Error {
  readonly status = 400;
  readonly expose = true;

  constructor(readonly what: string) {
    super(`bad request: ${what}`);
  }
}

/** The parsed value, or a `BadRequestError` naming `what` (path, query, body) when it does not fit. */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(what);
  return parsed.data as z.infer<S>;
}
