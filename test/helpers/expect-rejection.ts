import { expect } from 'chai';

/** Awaits `promise`, expects it to reject with `type`, and returns the error for further checks. */
export async function expectRejection<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(type);
    return error as E;
  }
  return expect.fail(`expected a ${type.name}`);
}
