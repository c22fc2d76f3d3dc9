/**
 * Starts the embedded server: guards (loopback only, never in production), storage, the TCP
 * listener, and the maintenance timer (TTL monitor every `ttlMonitorIntervalMs` like mongod's
 * 60 s, idle cursor reaper, expired sessions and transactions, compaction when the log grew).
 */
import { ID_INDEX_NAME } from '../engine/collection.js';
import { Store } from '../engine/store.js';
import { Bound, typeRank, keyOf, type Doc } from '../engine/values.js';
import type { EmbeddedMongo, EmbeddedMongoOptions } from '../index.js';
import { openLogPersistence } from '../storage/log-persistence.js';
import { createMemoryPersistence } from '../storage/memory-persistence.js';
import type { LogRecord } from '../storage/persistence.js';
import { CursorRegistry } from './cursors.js';
import { Dispatcher } from './dispatcher.js';
import { WireServer, type ServerLog } from './server.js';
import { SessionRegistry } from './sessions.js';

export const LOOPBACK = '127.0.0.1';
export const REPLICA_SET_NAME = 'teamloop';
const MAINTENANCE_INTERVAL_MS = 1000;
const CHECKPOINT_ON_STOP_BYTES = 1024 * 1024;

export class EmbeddedMongoRefusedError extends Error {
  override readonly name = 'EmbeddedMongoRefusedError';
}

export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions & { readonly host?: string; readonly nodeEnv?: string } = {},
): Promise<EmbeddedMongo> {
  const nodeEnv = options.nodeEnv ?? process.env.NODE_ENV;
  if (nodeEnv === 'production') {
    throw new EmbeddedMongoRefusedError(
      'The embedded MongoDB-compatible server is for development and tests only; it refuses to run with NODE_ENV=production. Configure MONGODB_URI.',
    );
  }
  const host: string = options.host ?? LOOPBACK;
  if (host !== LOOPBACK && host !== 'localhost' && host !== '::1') {
    throw new EmbeddedMongoRefusedError(`The embedded server binds loopback only; refusing host ${host}`);
  }
  const log: ServerLog = options.log ?? (() => undefined);
  const persistence = options.dbpath ? await openLogPersistence(options.dbpath) : createMemoryPersistence();
  const store = new Store(persistence);
  try {
    const t0 = Date.now();
    await persistence.load((r) => store.replay(r));
    if (options.dbpath)
      log({ level: 'info', msg: 'data loaded', dbpath: options.dbpath, ms: Date.now() - t0 });
  } catch (err) {
    await persistence.close();
    throw err;
  }
  const cursors = new CursorRegistry();
  const sessions = new SessionRegistry();
  let compacting: Promise<void> | undefined;
  const maybeCompact = (): void => {
    if (compacting || !persistence.wantsCompaction()) return;
    compacting = persistence
      .compact(store.image())
      .catch((err: unknown) =>
        log({ level: 'error', msg: 'compaction failed', error: (err as Error).message }),
      )
      .finally(() => {
        compacting = undefined;
      });
  };
  const dispatcher = new Dispatcher({
    store,
    cursors,
    sessions,
    now: () => new Date(),
    afterWrite: maybeCompact,
  });
  const wire = new WireServer({
    host: LOOPBACK,
    port: options.port ?? 0,
    setName: REPLICA_SET_NAME,
    dispatcher,
    log,
  });
  let port: number;
  try {
    port = await wire.listen();
  } catch (err) {
    await persistence.close();
    throw err;
  }

  const ttlEvery = options.ttlMonitorIntervalMs ?? 60_000;
  let lastTtl = Date.now();
  let sweeping: Promise<number> | undefined;
  const runTtlMonitor = (): Promise<number> => {
    sweeping ??= sweepExpired(store, new Date()).finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };
  const timer = setInterval(
    () => {
      const now = Date.now();
      cursors.reapIdle();
      const { idle, expiredTxns } = sessions.expire(now);
      for (const s of [...idle, ...expiredTxns]) if (s.txn) store.abort(s.txn);
      for (const s of idle) cursors.killSession(s.id);
      if (now - lastTtl >= ttlEvery) {
        lastTtl = now;
        runTtlMonitor().catch((err: unknown) =>
          log({ level: 'error', msg: 'TTL sweep failed', error: (err as Error).message }),
        );
      }
    },
    Math.min(MAINTENANCE_INTERVAL_MS, ttlEvery),
  );
  timer.unref();
  log({
    level: 'info',
    msg: 'embedded MongoDB-compatible server listening',
    uri: `mongodb://${LOOPBACK}:${port}`,
  });

  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://${LOOPBACK}:${port}`,
    port,
    runTtlMonitor,
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await wire.close();
        for (const t of [...store.activeTransactions]) store.abort(t);
        await sweeping;
        await compacting;
        // A checkpoint at clean shutdown, as mongod takes one: the next start reads a snapshot
        // instead of replaying the log.
        if (persistence.logBytesSinceSnapshot() > CHECKPOINT_ON_STOP_BYTES)
          await persistence.compact(store.image());
        await persistence.close();
        log({ level: 'info', msg: 'embedded server stopped', port });
      })()),
  };
}

/** Deletes documents whose TTL-indexed date is older than `expireAfterSeconds`; returns how many. */
export async function sweepExpired(store: Store, now: Date): Promise<number> {
  const group: LogRecord[] = [];
  let removed = 0;
  for (const colls of store.dbs.values()) {
    for (const coll of colls.values()) {
      for (const index of coll.indexes.values()) {
        const ttl = index.spec.expireAfterSeconds;
        if (ttl === undefined || index.name === ID_INDEX_NAME) continue;
        const cutoff = new Date(now.getTime() - ttl * 1000);
        const expired = new Set<Doc>();
        // Dates sort in their own bracket; walk it from the oldest date up to the cutoff.
        const low = index.directions[0] === 1 ? [new Bound(typeRank(cutoff) - 0.5)] : [cutoff];
        const high = index.directions[0] === 1 ? [cutoff] : [new Bound(typeRank(cutoff) - 0.5)];
        index.tree.forRange([...low, ''], [...high, '\uffff\uffff'], true, (_k, doc) => {
          expired.add(doc);
        });
        for (const doc of expired) {
          const idKey = keyOf(doc._id);
          if (coll.docs.get(idKey) !== doc) continue;
          if (await store.waitForDocument(coll.ns, idKey)) continue;
          store.remove(coll, idKey, { group });
          removed++;
        }
      }
    }
  }
  if (group.length > 0) await store.persistence.append(group);
  return removed;
}
