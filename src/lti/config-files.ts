/**
 * Platform registrations from files: every `*.json` in `lti-config/` (except `*.example.json`)
 * holds one registration or an array of them, validated at boot. An invalid file stops the
 * start with a message naming the file and the field.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PlatformRegistration } from '../domain/lti/platform.js';

const url = z.string().refine(
  (value) => {
    try {
      const parsed = new URL(value);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:';
    } catch {
      return false;
    }
  },
  { message: 'must be an http(s) URL' },
);

export const platformRegistrationSchema = z.strictObject({
  name: z.string().min(1).max(200),
  issuer: z.string().min(1).max(2000),
  clientId: z.string().min(1).max(255),
  deploymentIds: z.array(z.string().min(1).max(255)).min(1, { message: 'list at least one deployment id' }),
  authUrl: url,
  tokenUrl: url,
  jwksUrl: url,
});

const fileSchema = z.union([platformRegistrationSchema, z.array(platformRegistrationSchema).min(1)]);

export class PlatformConfigError extends Error {}

export async function loadPlatformFiles(dir: string): Promise<PlatformRegistration[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.endsWith('.example.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const result: PlatformRegistration[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new PlatformConfigError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
        .join('; ');
      throw new PlatformConfigError(`${file}: invalid platform registration: ${issues}`);
    }
    result.push(...(Array.isArray(parsed.data) ? parsed.data : [parsed.data]));
  }
  return result;
}
