import { expect } from 'chai';
import { createMemoryPersistence } from '../../../../src/embedded-mongo/storage/memory-persistence.js';
import { PersistenceClosedError } from '../../../../src/embedded-mongo/storage/persistence-errors.js';
import { expectRejection } from './storage-test-helpers.js';

describe('MemoryPersistence', function () {
  it('replays nothing, accepts appends at once, never wants compaction, refuses writes after close', async function () {
    const p = createMemoryPersistence();
    await p.load(() => expect.fail('nothing to replay'));
    await p.append([{ op: 'put', db: 'd', coll: 'c', doc: { _id: 1 } }]);
    expect(p.wantsCompaction()).to.equal(false);
    await p.compact({ collections: [] });
    await p.close();
    await expectRejection(p.append([]), PersistenceClosedError);
  });
});
