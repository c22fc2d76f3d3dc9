/**
 * The app's own MongoDB connection. Always `mongoose.createConnection`, never the default
 * mongoose connection: ltijs owns that one.
 */
import mongoose, { type Connection } from 'mongoose';

export interface AppDatabase {
  readonly connection: Connection;
  /** True when the server answered a ping; never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly dbName: string;
  /** How long to look for a server before an operation fails (default 10 s). */
  readonly serverSelectionTimeoutMs?: number;
}

export async function connectAppDatabase(uri: string, options: ConnectOptions): Promise<AppDatabase> {
  const connection = await mongoose
    .createConnection(uri, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
      autoIndex: true,
    })
    .asPromise();
  return {
    connection,
    async ping() {
      try {
        const db = connection.db;
        if (db === undefined) return false;
        const reply = await db.command({ ping: 1 });
        return reply['ok'] === 1;
      } catch {
        return false;
      }
    },
    async close() {
      await connection.close();
    },
  };
}
