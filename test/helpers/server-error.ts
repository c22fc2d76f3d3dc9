/**
 * Assertions on errors the server returns, for any driver line (5.9, 6, 7, mongoose's nested 7.x):
 * they are matched on their fields, never on their class or message text.
 */
import { expect } from 'chai';

export interface ServerErrorFields extends Error {
  readonly code?: unknown;
  readonly codeName?: unknown;
  readonly keyPattern?: unknown;
  readonly keyValue?: unknown;
  readonly errorLabels?: unknown;
  readonly errorLabelSet?: unknown;
  hasErrorLabel?(label: string): boolean;
}

/** Awaits `action`, asserts it rejects with server error `code`, and returns the error. */
export async function expectServerError(
  action: Promise<unknown> | (() => Promise<unknown>),
  code: number,
): Promise<ServerErrorFields> {
  const error = await captureError(action);
  expect(error.code, `error code (message: ${error.message})`).to.equal(code);
  return error;
}

/** Awaits `action` and returns what it rejected with; fails the test if it resolved. */
export async function captureError(
  action: Promise<unknown> | (() => Promise<unknown>),
): Promise<ServerErrorFields> {
  let result: unknown;
  try {
    result = await (typeof action === 'function' ? action() : action);
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as ServerErrorFields;
  }
  expect.fail(`expected a rejection, got ${safeJson(result)}`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
