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
