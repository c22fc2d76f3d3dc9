import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadPlatformFiles, PlatformConfigError } from '../../../src/lti/config-files.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const valid = {
  name: 'Moodle',
  issuer: 'https://moodle.example.edu',
  clientId: 'abc',
  deploymentIds: ['1'],
  authUrl: 'https://moodle.example.edu/mod/lti/auth.php',
  tokenUrl: 'https://moodle.example.edu/mod/lti/token.php',
  jwksUrl: 'https://moodle.example.edu/mod/lti/certs.php',
};

describe('loadPlatformFiles (lti-config/*.json)', () => {
  it('loads single registrations and arrays, skipping *.example.json, and nothing when the directory is absent', async () => {
    const dir = await makeTempDir();
    try {
      await writeFile(path.join(dir.path, 'a.json'), JSON.stringify(valid));
      await writeFile(path.join(dir.path, 'b.json'), JSON.stringify([{ ...valid, clientId: 'def' }]));
      await writeFile(path.join(dir.path, 'platform.example.json'), '{}');
      const loaded = await loadPlatformFiles(dir.path);
      expect(loaded.map((p) => p.clientId)).to.deep.equal(['abc', 'def']);
      expect(await loadPlatformFiles(path.join(dir.path, 'missing'))).to.deep.equal([]);
    } finally {
      await dir.remove();
    }
  });

  it('names the file and the field of an invalid registration', async () => {
    const dir = await makeTempDir();
    try {
      await mkdir(dir.path, { recursive: true });
      await writeFile(
        path.join(dir.path, 'bad.json'),
        JSON.stringify({ ...valid, jwksUrl: 'ftp://x', deploymentIds: [] }),
      );
      let error: unknown;
      try {
        await loadPlatformFiles(dir.path);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(PlatformConfigError);
      expect((error as Error).message)
        .to.contain('bad.json')
        .and.contain('jwksUrl')
        .and.contain('deploymentIds');
    } finally {
      await dir.remove();
    }
  });
});
