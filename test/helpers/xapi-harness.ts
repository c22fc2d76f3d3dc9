/**
 * Test harness for the outbox: the embedded database, the app connection, a fake clock and
 * fixed jitter, and helpers to make many valid statements for one registration.
 */
import mongoose, { type Connection } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import type { XapiStatement } from '../../src/xapi/statement-types.js';
import { reviewCompleted } from '../../src/xapi/statements/review.js';
import { createXapiRuntime, type XapiRuntime, type XapiRuntimeOptions } from '../../src/xapi/xapi-runtime.js';
import type { LrsTarget } from '../../src/xapi/lrs-client.js';
import { registrationFor } from '../../src/xapi/xapi-context.js';
import { sampleContext } from '../fixtures/xapi/sample-events.js';

export const TOOL_URL = 'https://teamloop.example.org';
export const ENCRYPTION_KEY = 'test-encryption-key-0123456789abcdef';

export interface FakeClock {
  (): Date;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 28, 8, 0, 0)): FakeClock {
  let now = start;
  const clock = (() => new Date(now)) as FakeClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export async function startDatabase(): Promise<{
  mongo: EmbeddedMongo;
  connection: Connection;
  stop(): Promise<void>;
}> {
  const mongo = await startEmbeddedMongo({ port: 0 });
  const connection = await mongoose.createConnection(`${mongo.uri}/teamloop-xapi`).asPromise();
  return {
    mongo,
    connection,
    async stop() {
      await connection.close();
      await mongo.stop();
    },
  };
}

export function makeRuntime(
  connection: Connection,
  lrs: LrsTarget | undefined,
  clock: FakeClock,
  extra: Partial<XapiRuntimeOptions> = {},
): Promise<XapiRuntime> {
  return createXapiRuntime({
    connection,
    toolUrl: TOOL_URL,
    lrs,
    xapi: { batchSize: 100, requestTimeoutMs: 5000 },
    encryptionKey: ENCRYPTION_KEY,
    actorSecret: 'test-actor-secret-0123456789abcdef',
    clock,
    random: () => 0.5,
    ...extra,
  });
}

/** `count` distinct valid statements (review completions) in one fresh registration. */
export function manyStatements(count: number, cycle: string | number, issuer?: string): XapiStatement[] {
  const { context, person } = sampleContext();
  const ctx = {
    ...context,
    registration: registrationFor(context.platform.issuer, 'bulk', cycle),
    ...(issuer === undefined ? {} : { platform: { ...context.platform, issuer } }),
  };
  return Array.from({ length: count }, (_, i) =>
    reviewCompleted(ctx, {
      eventId: `bulk-${cycle}-${i}`,
      occurredAt: new Date(Date.UTC(2026, 10, 27, 10, 0, i % 60)),
      reviewer: person,
      reviewId: `rev-${i}`,
      submissionId: `sub-${i}`,
      standard: { id: 'std', version: 1 },
      score: { raw: (i % 4) + 1, min: 1, max: 4 },
    }),
  );
}

/** Enqueues in a committed transaction. */
export async function enqueueCommitted(
  connection: Connection,
  runtime: XapiRuntime,
  statements: readonly XapiStatement[],
): Promise<void> {
  await connection.transaction(async (session) => {
    await runtime.outbox.enqueue(statements, session);
  });
}

/** Runs delivery passes until nothing is claimed (advancing the clock past backoffs if asked). */
export async function drain(
  runtime: XapiRuntime,
  clock?: FakeClock,
  stepMs = 0,
  maxPasses = 100,
): Promise<void> {
  for (let i = 0; i < maxPasses; i++) {
    const pending = await runtime.collections.outbox.countDocuments({ status: 'pending' });
    if (pending === 0) return;
    await runtime.delivery.deliverOnce();
    if (clock !== undefined && stepMs > 0) clock.advance(stepMs);
  }
  throw new Error('outbox did not drain');
}
