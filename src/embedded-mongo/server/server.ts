/**
 * The TCP side: accepts connections on loopback only, frames messages, runs each connection's
 * commands strictly in order, and closes a connection that sends anything malformed,
 * truncated or oversized — without disturbing any other connection.
 */
import net from 'node:net';
import type { Document } from 'bson';
import type { ServerInfo } from '../commands/context.js';
import {
  MessageFramer,
  OP_QUERY,
  ProtocolError,
  encodeOpMsg,
  encodeOpReply,
  parseMessage,
} from '../wire/protocol.js';
import type { Dispatcher } from './dispatcher.js';

export type ServerLog = (event: {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}) => void;

export interface WireServerOptions {
  readonly host: string;
  readonly port: number;
  readonly setName: string;
  readonly dispatcher: Dispatcher;
  readonly log: ServerLog;
}

export class WireServer {
  readonly #opts: WireServerOptions;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #startedAt = new Date();
  #nextConnectionId = 1;
  #port = 0;

  constructor(opts: WireServerOptions) {
    this.#opts = opts;
    this.#server = net.createServer((socket) => this.#accept(socket));
  }

  get port(): number {
    return this.#port;
  }

  get connectionCount(): number {
    return this.#sockets.size;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen({ host: this.#opts.host, port: this.#opts.port, exclusive: true }, () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as net.AddressInfo).port;
        resolve(this.#port);
      });
    });
  }

  /** Stops accepting, lets in-flight commands finish briefly, then closes every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#sockets) s.end();
    const deadline = setTimeout(() => {
      for (const s of this.#sockets) s.destroy();
    }, 1000);
    await closed;
    clearTimeout(deadline);
  }

  #accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    this.#sockets.add(socket);
    const info: ServerInfo = {
      host: this.#opts.host,
      port: this.#port,
      startedAt: this.#startedAt,
      connectionId: this.#nextConnectionId++,
      setName: this.#opts.setName,
      clientAddress: `${socket.remoteAddress}:${socket.remotePort}`,
    };
    const framer = new MessageFramer();
    const queue: Buffer[] = [];
    let busy = false;
    const fail = (err: unknown): void => {
      this.#opts.log({
        level: 'warn',
        msg: 'closing connection after protocol error',
        connectionId: info.connectionId,
        error: (err as Error).message,
      });
      queue.length = 0;
      socket.destroy();
    };
    const pump = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        while (queue.length > 0 && !socket.destroyed) {
          const raw = queue.shift()!;
          let msg;
          try {
            msg = parseMessage(raw);
          } catch (err) {
            fail(err);
            return;
          }
          const db = msg.fullCollectionName ? msg.fullCollectionName.split('.')[0] : undefined;
          const reply: Document = await this.#opts.dispatcher.run(msg.command, info, db);
          if (msg.moreToCome || socket.destroyed) continue;
          socket.write(
            msg.opCode === OP_QUERY ? encodeOpReply(msg.requestId, reply) : encodeOpMsg(msg.requestId, reply),
          );
        }
      } catch (err) {
        fail(err);
      } finally {
        busy = false;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      try {
        queue.push(...framer.push(chunk));
      } catch (err) {
        if (err instanceof ProtocolError) fail(err);
        else fail(err);
        return;
      }
      void pump();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#sockets.delete(socket);
      if (framer.pendingBytes > 0) {
        this.#opts.log({
          level: 'warn',
          msg: 'connection closed with a truncated message pending',
          connectionId: info.connectionId,
          bytes: framer.pendingBytes,
        });
      }
    });
  }
}
