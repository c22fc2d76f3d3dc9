import type { EmbeddedMongo, EmbeddedMongoOptions } from '../index.js';

// TEMPORARY placeholder while the server is being written in this session.
export async function startEmbeddedMongo(_options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  throw new Error('embedded-mongo: not yet implemented');
}
