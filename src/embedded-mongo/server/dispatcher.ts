/**
 * Routes one command document to its handler: strict command and option checking, sessions,
 * multi-document transactions (autocommit:false / startTransaction / commit / abort),
 * retryable writes (a repeated txnNumber is answered from the session, not applied twice),
 * and durability: the command's log group is appended before the reply goes out.
 */
import type { Document } from 'bson';
import { adminCommands } from '../commands/admin.js';
import { aggregateCommands } from '../commands/aggregate.js';
import {
  assertKnownFields,
  type CommandContext,
  type CommandSpec,
  type ServerInfo,
} from '../commands/context.js';
import { crudCommands } from '../commands/crud.js';
import { ddlCommands } from '../commands/ddl.js';
import { MongoServerError } from '../engine/errors.js';
import type { Store } from '../engine/store.js';
import type { LogRecord } from '../storage/persistence.js';
import { toNumber } from '../engine/values.js';
import type { CursorRegistry } from './cursors.js';
import { sessionKey, type Session, type SessionRegistry } from './sessions.js';

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  ...adminCommands,
  ...crudCommands,
  ...aggregateCommands,
  ...ddlCommands,
};

const noSuchTransaction = (txnNumber: number): MongoServerError =>
  new MongoServerError(251, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, {}, [
    'TransientTransactionError',
  ]);

export interface DispatcherDeps {
  readonly store: Store;
  readonly cursors: CursorRegistry;
  readonly sessions: SessionRegistry;
  readonly now: () => Date;
  /** Called after each durable write group (compaction trigger). */
  readonly afterWrite?: () => void;
  /** Notes (command, option) pairs for the command-set contract (optional). */
  readonly record?: (command: string, fields: string[]) => void;
}

export class Dispatcher {
  readonly #deps: DispatcherDeps;

  constructor(deps: DispatcherDeps) {
    this.#deps = deps;
  }

  async run(cmd: Document, server: ServerInfo, defaultDb = 'admin'): Promise<Document> {
    try {
      return await this.#run(cmd, server, defaultDb);
    } catch (err) {
      if (err instanceof MongoServerError) return err.toReply();
      return new MongoServerError(1, `internal error: ${(err as Error).message}`).toReply();
    }
  }

  async #run(cmd: Document, server: ServerInfo, defaultDb: string): Promise<Document> {
    const name = Object.keys(cmd)[0];
    if (!name) throw new MongoServerError(59, 'no such command: empty command document');
    const { store, cursors, sessions, now } = this.#deps;
    this.#deps.record?.(name, Object.keys(cmd).slice(1));
    if (name === 'commitTransaction' || name === 'abortTransaction') {
      return this.#endTransaction(name, cmd);
    }
    const spec = COMMANDS[name];
    if (!spec) throw new MongoServerError(59, `no such command: '${name}'`);
    assertKnownFields(name, cmd, spec);
    const db = typeof cmd.$db === 'string' ? cmd.$db : defaultDb;
    const key = sessionKey(cmd.lsid);
    const session = key ? sessions.get(key, Date.now()) : undefined;
    const group: LogRecord[] = [];
    const base = { store, cursors, sessions, db, session, server, group, now };

    if (cmd.autocommit !== undefined) return this.#inTransaction(name, cmd, spec, base, session);

    if (cmd.txnNumber !== undefined) {
      if (!spec.retryableWrite) {
        throw new MongoServerError(
          50768,
          `txnNumber may only be provided for multi-document transactions and retryable write commands. autocommit:false was not provided, and ${name} is not a retryable write command.`,
        );
      }
      if (!session) throw new MongoServerError(50768, 'Transaction numbers are only allowed on a session');
      const txnNumber = toNumber(cmd.txnNumber);
      if (txnNumber < session.txnNumber) {
        throw new MongoServerError(
          225,
          `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${session.txnNumber} has already started on this session.`,
        );
      }
      if (session.retried?.txnNumber === txnNumber) return session.retried.reply;
      session.txnNumber = txnNumber;
      const reply = await spec.handler(cmd, base);
      await this.#persist(group);
      session.retried = { txnNumber, reply };
      return reply;
    }

    const reply = await spec.handler(cmd, base);
    await this.#persist(group);
    return reply;
  }

  async #inTransaction(
    name: string,
    cmd: Document,
    spec: CommandSpec,
    base: Omit<CommandContext, 'txn'>,
    session: Session | undefined,
  ): Promise<Document> {
    const { store } = this.#deps;
    if (cmd.autocommit !== false) throw new MongoServerError(2, 'autocommit may only be specified as false');
    if (!session) throw new MongoServerError(50768, 'Transaction numbers are only allowed on a session');
    if (cmd.txnNumber === undefined)
      throw new MongoServerError(
        50768,
        "'autocommit' field requires a transaction number to also be specified",
      );
    const txnNumber = toNumber(cmd.txnNumber);
    if (cmd.startTransaction === true) {
      if (txnNumber < session.txnNumber) {
        throw new MongoServerError(
          225,
          `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.txnNumber} has already started.`,
        );
      }
      if (txnNumber === session.txnNumber && session.txn) {
        throw new MongoServerError(256, `Transaction with txnNumber ${txnNumber} has already been started`);
      }
      if (session.txn?.state === 'active') store.abort(session.txn);
      const level = (cmd.readConcern as Document | undefined)?.level;
      if (level !== undefined && !['snapshot', 'majority', 'local'].includes(String(level))) {
        throw new MongoServerError(
          72,
          `The readConcern level must be either 'local' (default), 'majority' or 'snapshot' in order to run in a transaction`,
        );
      }
      session.txnNumber = txnNumber;
      session.txn = store.begin(session.id, txnNumber, Date.now());
      session.txnOutcome = undefined;
    } else if (cmd.startTransaction !== undefined) {
      throw new MongoServerError(2, 'startTransaction may only be specified as true');
    }
    const txn = session.txn;
    if (!txn || session.txnNumber !== txnNumber || txn.state !== 'active') throw noSuchTransaction(txnNumber);
    if (!spec.inTransaction) {
      store.abort(txn);
      throw new MongoServerError(263, `Cannot run '${name}' in a multi-document transaction.`);
    }
    try {
      const reply = await spec.handler(cmd, { ...base, txn });
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) store.abort(txn);
      // Implicit collection/index creation inside a transaction is applied immediately.
      await this.#persist(base.group);
      return reply;
    } catch (err) {
      store.abort(txn);
      throw err;
    }
  }

  async #endTransaction(name: 'commitTransaction' | 'abortTransaction', cmd: Document): Promise<Document> {
    const { store, sessions } = this.#deps;
    const key = sessionKey(cmd.lsid);
    if (!key) throw new MongoServerError(50768, `${name} requires a session`);
    if (cmd.txnNumber === undefined) throw new MongoServerError(50768, `${name} requires a txnNumber`);
    if (cmd.autocommit !== false)
      throw new MongoServerError(50768, `${name} must be run with autocommit:false`);
    const session = sessions.get(key, Date.now());
    const txnNumber = toNumber(cmd.txnNumber);
    if (txnNumber < session.txnNumber)
      throw new MongoServerError(
        225,
        `txnNumber ${txnNumber} is less than last txnNumber ${session.txnNumber} seen in session`,
      );
    const txn = session.txn;
    if (!txn || session.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    if (name === 'abortTransaction') {
      if (txn.state === 'committed') throw new MongoServerError(256, 'Transaction has been committed');
      if (txn.state === 'aborted') throw noSuchTransaction(txnNumber);
      store.abort(txn);
      session.txnOutcome = 'aborted';
      return { ok: 1 };
    }
    if (txn.state === 'committed') return { ok: 1 };
    if (txn.state === 'aborted') throw noSuchTransaction(txnNumber);
    const group = store.commit(txn);
    session.txnOutcome = 'committed';
    await this.#persist(group);
    return { ok: 1 };
  }

  async #persist(group: LogRecord[]): Promise<void> {
    if (group.length === 0) return;
    await this.#deps.store.persistence.append(group);
    this.#deps.afterWrite?.();
  }
}
