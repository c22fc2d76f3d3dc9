/**
 * Wires the xAPI parts on the app's connection: outbox (enqueue), delivery to the global LRS and
 * to per-platform LRSs, the platform settings, the pseudonymizer, and the operator status.
 * `compose.ts`, the CLI, tests and the benchmark all build it the same way.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { LrsConfig, XapiConfig } from '../config.js';
import { createLrsClient, type LrsClient } from './lrs-client.js';
import {
  createDelivery,
  type Delivery,
  type DeliveryEvent,
  type DeliveryOptions,
  type LrsDestination,
} from './outbox/delivery.js';
import { outboxCollections, type OutboxCollections } from './outbox/outbox.model.js';
import { createOutbox, type Outbox } from './outbox/outbox.js';
import { outboxStatus, retryDead, type OutboxStatusReport } from './outbox/status.js';
import { createPlatformSettingsRepo, type PlatformSettingsRepo } from './platform-settings.js';
import { ActorPseudonymizer } from './xapi-context.js';

export interface XapiRuntime {
  readonly collections: OutboxCollections;
  readonly outbox: Outbox;
  readonly delivery: Delivery;
  readonly platformSettings: PlatformSettingsRepo;
  readonly pseudonymizer: ActorPseudonymizer;
  status(): Promise<OutboxStatusReport>;
  retryDead(): Promise<number>;
}

export type DeliveryTuning = Partial<
  Pick<
    DeliveryOptions,
    | 'leaseMs'
    | 'batchesPerPass'
    | 'backoffBaseMs'
    | 'backoffCapMs'
    | 'pauseMs'
    | 'breakerThreshold'
    | 'breakerOpenMs'
  >
>;

export interface XapiRuntimeOptions {
  readonly connection: Connection;
  readonly toolUrl: string;
  /** The global LRS (`LRS_*`), if any. */
  readonly lrs: LrsConfig | undefined;
  readonly xapi: Pick<XapiConfig, 'batchSize' | 'requestTimeoutMs'> &
    Partial<Pick<XapiConfig, 'sentRetentionDays'>>;
  readonly encryptionKey: string;
  readonly actorSecret: string;
  readonly clock?: () => Date;
  readonly random?: () => number;
  readonly tuning?: DeliveryTuning;
  readonly ownerId?: string;
  readonly onEvent?: (event: DeliveryEvent) => void;
  /** Replaces the HTTP client (tests of client-level failures only). */
  readonly clientFor?: (destination: LrsDestination) => LrsClient;
}

export const GLOBAL_LRS_ID = 'global';

export async function createXapiRuntime(options: XapiRuntimeOptions): Promise<XapiRuntime> {
  const clock = options.clock ?? (() => new Date());
  const collections = outboxCollections(options.connection, {
    ...(options.xapi.sentRetentionDays === undefined
      ? {}
      : { sentRetentionDays: options.xapi.sentRetentionDays }),
  });
  await collections.ready();
  const platformSettings = createPlatformSettingsRepo(options.connection, options.encryptionKey);
  const clients = new Map<string, { key: string; client: LrsClient }>();

  const clientFor =
    options.clientFor ??
    ((destination: LrsDestination): LrsClient => {
      const key = JSON.stringify(destination.target);
      const cached = clients.get(destination.id);
      if (cached !== undefined && cached.key === key) return cached.client;
      const client = createLrsClient(destination.target, { timeoutMs: options.xapi.requestTimeoutMs });
      clients.set(destination.id, { key, client });
      return client;
    });

  const destinations = async (): Promise<readonly LrsDestination[]> => {
    const own = await platformSettings.withOwnLrs();
    const list: LrsDestination[] = own.map((p) => ({
      id: `platform:${p.issuer}`,
      target: p.lrs!,
      issuer: p.issuer,
    }));
    if (options.lrs !== undefined)
      list.unshift({ id: GLOBAL_LRS_ID, target: options.lrs, issuer: undefined });
    return list;
  };

  const delivery = createDelivery({
    collections,
    destinations,
    clientFor,
    clock,
    random: options.random ?? Math.random,
    batchSize: options.xapi.batchSize,
    leaseMs: 60_000,
    backoffBaseMs: 2_000,
    backoffCapMs: 30 * 60_000,
    pauseMs: 15 * 60_000,
    breakerThreshold: 5,
    breakerOpenMs: 30_000,
    ...options.tuning,
    ownerId: options.ownerId ?? randomUUID(),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  });

  return {
    collections,
    outbox: createOutbox({ collections, toolUrl: options.toolUrl, clock }),
    delivery,
    platformSettings,
    pseudonymizer: new ActorPseudonymizer(options.actorSecret),
    status: () => outboxStatus(collections),
    retryDead: () => retryDead(collections, clock()),
  };
}
