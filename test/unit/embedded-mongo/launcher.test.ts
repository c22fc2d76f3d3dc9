import { expect } from 'chai';
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { EmbeddedMongoRefusedError } from '../../../src/embedded-mongo/server/launcher.js';

describe('startEmbeddedMongo guards', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    const err = await startEmbeddedMongo({ nodeEnv: 'production' } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(EmbeddedMongoRefusedError);
    expect((err as Error).message).to.match(/NODE_ENV=production/);
  });

  it('refuses to bind anything but loopback', async () => {
    const err = await startEmbeddedMongo({ host: '0.0.0.0' } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(EmbeddedMongoRefusedError);
  });

  it('listens on 127.0.0.1 with an ephemeral port and gives a URI without a database', async () => {
    const server = await startEmbeddedMongo();
    try {
      expect(server.uri).to.equal(`mongodb://127.0.0.1:${server.port}`);
      expect(server.port).to.be.above(0);
    } finally {
      await server.stop();
    }
  });
});
