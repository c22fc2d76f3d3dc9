/**
 * Outside production, Teamloop runs without an `LTI_ENCRYPTION_KEY`: it generates one on first
 * start and keeps it in `<DATA_DIR>/dev-encryption-key` (mode 0600), so platform keys stored
 * with it stay readable after a restart. Production must configure the key (config enforces it).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const DEV_KEY_FILE = 'dev-encryption-key';

export interface ResolvedEncryptionKey {
  readonly key: string;
  readonly source: 'environment' | 'generated' | 'data-dir';
  readonly file?: string;
}

/** Same rule for the xAPI actor secret (pseudonyms): `XAPI_ACTOR_SECRET`, else this file. */
export const DEV_XAPI_ACTOR_SECRET_FILE = 'dev-xapi-actor-secret';

export async function resolveEncryptionKey(
  configured: string | undefined,
  dataDir: string,
): Promise<ResolvedEncryptionKey> {
  return resolveDevSecret(configured, dataDir, DEV_KEY_FILE);
}

/** A secret from the environment, or generated once into `<dataDir>/<fileName>` (mode 0600) and reused. */
export async function resolveDevSecret(
  configured: string | undefined,
  dataDir: string,
  fileName: string,
): Promise<ResolvedEncryptionKey> {
  if (configured !== undefined) return { key: configured, source: 'environment' };
  const file = path.join(dataDir, fileName);
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'generated', file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const existing = (await readFile(file, 'utf8')).trim();
  if (existing.length < 32)
    throw new Error(`${file} does not hold a usable key; delete it to generate a new one`);
  await chmod(file, 0o600);
  return { key: existing, source: 'data-dir', file };
}
