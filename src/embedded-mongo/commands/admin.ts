/**
 * Handshake and administrative commands. The server presents itself as the primary of a
 * single-member replica set reporting wire version 21 (MongoDB 7.0): the one value driver
 * lines 5, 6 and 7 all accept, and what drivers need to allow transactions and retryable
 * writes. No `topologyVersion` is sent, so drivers poll with `hello` instead of streaming.
 */
import { Long, ObjectId, Timestamp, UUID, calculateObjectSize, type Document } from 'bson';
import os from 'node:os';
import { MongoServerError } from '../engine/errors.js';
import { planQuery } from '../engine/planner.js';
import { parseSort } from '../engine/query.js';
import { isPlainObject } from '../engine/values.js';
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from '../wire/protocol.js';
import { LOGICAL_SESSION_TIMEOUT_MINUTES } from '../server/sessions.js';
import type { CommandContext, CommandSpec } from './context.js';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

function hello(cmd: Document, ctx: CommandContext, legacy: boolean): Document {
  const me = `${ctx.server.host}:${ctx.server.port}`;
  const now = ctx.now();
  const opTime = { ts: new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }), t: Long.fromNumber(1) };
  const reply: Document = {
    topologyVersion: undefined,
    hosts: [me],
    setName: ctx.server.setName,
    setVersion: 1,
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    secondary: false,
    primary: me,
    me,
    electionId: ELECTION_ID,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    maxBsonObjectSize: MAX_BSON_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.server.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  delete reply.topologyVersion;
  if (cmd.helloOk === true) reply.helloOk = true;
  if (typeof cmd.saslSupportedMechs === 'string') reply.saslSupportedMechs = [];
  reply.ok = 1;
  return reply;
}

const PARAMETERS: Readonly<Record<string, unknown>> = {
  featureCompatibilityVersion: { version: '7.0' },
  transactionLifetimeLimitSeconds: 60,
  cursorTimeoutMillis: Long.fromNumber(600_000),
  ttlMonitorSleepSecs: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  authenticationMechanisms: [],
};

function getParameter(cmd: Document): Document {
  const all = cmd.getParameter === '*';
  const reply: Document = {};
  for (const k of Object.keys(cmd)) {
    if (k === 'getParameter' || k.startsWith('$') || k === 'lsid' || k === 'comment') continue;
    if (!(k in PARAMETERS)) throw new MongoServerError(72, `no option found to get: ${k}`);
    reply[k] = PARAMETERS[k];
  }
  if (all) Object.assign(reply, PARAMETERS);
  reply.ok = 1;
  return reply;
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'teamloop-embedded',
    versionArray: [7, 0, 0, 0],
    javascriptEngine: 'none',
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_SIZE,
    storageEngines: ['embedded'],
    modules: [],
    allocator: 'system',
    openssl: { running: 'disabled' },
    ok: 1,
  };
}

function dbSize(
  ctx: CommandContext,
  db: string,
): { objects: number; dataSize: number; collections: number; indexes: number } {
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  const colls = ctx.store.collections(db);
  for (const c of colls) {
    objects += c.docs.size;
    indexes += c.indexes.size;
    for (const d of c.docs.values()) dataSize += calculateObjectSize(d);
  }
  return { objects, dataSize, collections: colls.length, indexes };
}

function listDatabases(cmd: Document, ctx: CommandContext): Document {
  const nameOnly = cmd.nameOnly === true;
  let databases: Document[] = [...ctx.store.dbs.keys()].sort().map((name) => {
    if (nameOnly) return { name };
    const s = dbSize(ctx, name);
    return { name, sizeOnDisk: s.dataSize, empty: s.objects === 0 };
  });
  if (isPlainObject(cmd.filter) && Object.keys(cmd.filter).length > 0) {
    const f = cmd.filter;
    databases = databases.filter((d) => Object.entries(f).every(([k, v]) => d[k] === v));
  }
  const totalSize = databases.reduce((a, d) => a + (typeof d.sizeOnDisk === 'number' ? d.sizeOnDisk : 0), 0);
  return nameOnly
    ? { databases, ok: 1 }
    : { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
}

function dbStats(_cmd: Document, ctx: CommandContext): Document {
  const s = dbSize(ctx, ctx.db);
  return {
    db: ctx.db,
    collections: s.collections,
    views: 0,
    objects: s.objects,
    avgObjSize: s.objects ? s.dataSize / s.objects : 0,
    dataSize: s.dataSize,
    storageSize: s.dataSize,
    indexes: s.indexes,
    indexSize: 0,
    totalSize: s.dataSize,
    scaleFactor: 1,
    ok: 1,
  };
}

function serverStatus(_cmd: Document, ctx: CommandContext): Document {
  const now = ctx.now();
  return {
    host: os.hostname(),
    version: SERVER_VERSION,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor((now.getTime() - ctx.server.startedAt.getTime()) / 1000),
    uptimeMillis: Long.fromNumber(now.getTime() - ctx.server.startedAt.getTime()),
    localTime: now,
    connections: { current: 0, available: 1000 },
    transactions: { currentActive: ctx.store.activeTransactions.size },
    metrics: { cursor: { open: { total: ctx.cursors.size } } },
    ok: 1,
  };
}

function endSessions(cmd: Document, ctx: CommandContext): Document {
  const ids = cmd.endSessions ?? cmd.killSessions;
  if (Array.isArray(ids)) {
    for (const lsid of ids) {
      const key = lsid?.id
        ? Buffer.from((lsid.id as UUID).buffer.subarray(0, (lsid.id as UUID).position)).toString('hex')
        : undefined;
      if (!key) continue;
      const s = ctx.sessions.end(key);
      if (s?.txn) ctx.store.abort(s.txn);
      ctx.cursors.killSession(key);
    }
  }
  return { ok: 1 };
}

function startSession(): Document {
  return { id: { id: new UUID() }, timeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES, ok: 1 };
}

/** `explain` of find / count / distinct / delete / update / aggregate: which plan the planner picks. */
function explain(cmd: Document, ctx: CommandContext): Document {
  const inner = cmd.explain;
  if (!isPlainObject(inner)) throw new MongoServerError(14, 'explain command requires a nested object');
  const kind = Object.keys(inner)[0];
  const collName = inner[kind!];
  if (typeof collName !== 'string')
    throw new MongoServerError(2, `explain of '${kind}' is not supported by the embedded server`);
  let filter: unknown;
  let sort: unknown;
  switch (kind) {
    case 'find':
      filter = inner.filter;
      sort = inner.sort;
      break;
    case 'count':
      filter = inner.query;
      break;
    case 'distinct':
      filter = inner.query;
      break;
    case 'findAndModify':
      filter = inner.query;
      sort = inner.sort;
      break;
    case 'delete':
    case 'update': {
      const stmts = (inner[kind === 'delete' ? 'deletes' : 'updates'] ?? []) as Document[];
      filter = stmts[0]?.q;
      break;
    }
    case 'aggregate': {
      const first = Array.isArray(inner.pipeline) ? (inner.pipeline[0] as Document | undefined) : undefined;
      filter = first?.$match;
      break;
    }
    default:
      throw new MongoServerError(2, `explain of '${kind}' is not supported by the embedded server`);
  }
  const coll = ctx.store.collection(ctx.db, collName);
  const ns = `${ctx.db}.${collName}`;
  let winningPlan: Document = { stage: 'EOF' };
  if (coll) {
    const plan = planQuery(
      coll,
      (isPlainObject(filter) ? filter : {}) as Document,
      parseSort(sort),
      inner.hint,
    );
    winningPlan =
      plan.kind === 'scan'
        ? { stage: 'COLLSCAN' }
        : plan.kind === 'id'
          ? { stage: 'IDHACK' }
          : {
              stage: 'FETCH',
              inputStage: plan.merged
                ? {
                    stage: 'SORT_MERGE',
                    inputStages: [
                      {
                        stage: 'IXSCAN',
                        indexName: plan.index!.name,
                        keyPattern: plan.index!.spec.key,
                        isMultiKey: plan.index!.multikey,
                      },
                    ],
                  }
                : {
                    stage: 'IXSCAN',
                    indexName: plan.index!.name,
                    keyPattern: plan.index!.spec.key,
                    isMultiKey: plan.index!.multikey,
                  },
            };
    if (sort !== undefined && !plan.ordered)
      winningPlan = { stage: 'SORT', sortPattern: sort, inputStage: winningPlan };
  }
  return {
    explainVersion: '1',
    queryPlanner: { namespace: ns, parsedQuery: filter ?? {}, winningPlan, rejectedPlans: [] },
    serverInfo: { host: ctx.server.host, port: ctx.server.port, version: SERVER_VERSION },
    ok: 1,
  };
}

const noArgs = (reply: () => Document) => ({ handler: reply, fields: [] as string[] });

const HELLO_FIELDS = [
  'helloOk',
  'client',
  'compression',
  'saslSupportedMechs',
  'speculativeAuthenticate',
  'loadBalanced',
  'backpressure',
  'topologyVersion',
  'maxAwaitTimeMS',
];

export const adminCommands: Record<string, CommandSpec> = {
  hello: { handler: (c, ctx) => hello(c, ctx, false), fields: HELLO_FIELDS },
  isMaster: { handler: (c, ctx) => hello(c, ctx, true), fields: [...HELLO_FIELDS, 'forShell'] },
  ping: noArgs(() => ({ ok: 1 })),
  buildInfo: noArgs(buildInfo),
  getParameter: { handler: getParameter, fields: Object.keys(PARAMETERS) },
  getCmdLineOpts: noArgs(() => ({ argv: ['teamloop', 'db'], parsed: {}, ok: 1 })),
  hostInfo: noArgs(() => ({
    system: {
      currentTime: new Date(),
      hostname: os.hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(os.totalmem() / 1048576),
      numCores: os.cpus().length,
      cpuArch: os.arch(),
    },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
    ok: 1,
  })),
  whatsmyuri: { handler: (_c, ctx) => ({ you: ctx.server.clientAddress, ok: 1 }), fields: [] },
  serverStatus: {
    handler: serverStatus,
    fields: ['repl', 'metrics', 'locks', 'tcmalloc', 'opcounters', 'wiredTiger'],
  },
  listDatabases: { handler: listDatabases, fields: ['filter', 'nameOnly', 'authorizedDatabases'] },
  dbStats: { handler: dbStats, fields: ['scale', 'freeStorage'] },
  endSessions: { handler: endSessions, fields: [] },
  killSessions: { handler: endSessions, fields: [] },
  refreshSessions: { handler: () => ({ ok: 1 }), fields: [] },
  startSession: noArgs(startSession),
  getLog: {
    handler: (c) =>
      c.getLog === '*' ? { names: ['startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 },
    fields: [],
  },
  connectionStatus: {
    handler: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
    fields: ['showPrivileges'],
  },
  explain: { handler: explain, fields: ['verbosity'] },
};
adminCommands.ismaster = adminCommands.isMaster!;
adminCommands.buildinfo = adminCommands.buildInfo!;
