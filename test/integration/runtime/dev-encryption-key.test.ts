import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { DEV_KEY_FILE, resolveEncryptionKey } from '../../../src/runtime/dev-encryption-key.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('resolveEncryptionKey', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => dir.remove());

  it('uses the configured key and writes nothing', async () => {
    const resolved = await resolveEncryptionKey('x'.repeat(40), dir.path);
    expect(resolved).to.deep.equal({ key: 'x'.repeat(40), source: 'environment' });
    expect(await stat(path.join(dir.path, DEV_KEY_FILE)).catch(() => 'absent')).to.equal('absent');
  });

  it('generates a key readable only by its owner and finds the same key on the next start', async () => {
    const dataDir = path.join(dir.path, 'nested', 'data');
    const first = await resolveEncryptionKey(undefined, dataDir);
    expect(first.source).to.equal('generated');
    expect(first.key.length).to.be.at.least(32);
    const file = path.join(dataDir, DEV_KEY_FILE);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect((await readFile(file, 'utf8')).trim()).to.equal(first.key);

    const second = await resolveEncryptionKey(undefined, dataDir);
    expect(second).to.deep.equal({ key: first.key, source: 'data-dir', file });
  });
});
