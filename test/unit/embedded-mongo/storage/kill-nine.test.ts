import { expect } from 'chai';
import { openLogPersistence } from '../../../../src/embedded-mongo/storage/log-persistence.js';
import { spawnChild } from './child-process-helpers.js';
import { makeTempDir, removeDir } from './storage-test-helpers.js';

describe('LogPersistence under kill -9', function () {
  this.timeout(60_000);

  for (const round of [1, 2]) {
    it(`keeps every acknowledged group and never half a group (round ${round})`, async function () {
      const dir = await makeTempDir('kill9');
      try {
        const recordsPerGroup = 5;
        const acked = new Set<number>();
        // Two generations: the second one resumes after the first was killed, on the repaired log.
        for (let generation = 0; generation < 2; generation++) {
          const child = spawnChild(['write', dir, '8', String(recordsPerGroup)]);
          try {
            const target = 300 + round * 97;
            await child.waitFor((lines) => lines.length > target);
          } finally {
            await child.kill(); // SIGKILL mid-stream: appends are in flight
          }
          for (const line of child.lines) if (/^\d+$/.test(line)) acked.add(Number(line));
        }

        const parts = new Map<number, Set<number>>();
        const p = await openLogPersistence(dir);
        await p.load((r) => {
          if (r.op !== 'put') return;
          const s = r.doc.s as number;
          const set = parts.get(s) ?? new Set<number>();
          set.add(r.doc.k as number);
          parts.set(s, set);
        });
        await p.close();

        const missing = [...acked].filter((s) => !parts.has(s));
        expect(missing, 'acknowledged groups missing after kill -9').to.deep.equal([]);
        for (const [s, ks] of parts) expect(ks.size, `group ${s} is complete`).to.equal(recordsPerGroup);
        expect(acked.size).to.be.greaterThan(600);
      } finally {
        await removeDir(dir);
      }
    });
  }
});
