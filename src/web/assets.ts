/**
 * Static assets under `public/`, served at `/assets/`. Each file gets a content hash at boot;
 * templates link `/assets/<file>?v=<hash>` (the `assetUrl` helper), which may be cached for a
 * year because a changed file gets a new URL. Unversioned requests are cached briefly.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';

export const ASSETS_MOUNT = '/assets';
const LONG_CACHE = 'public, max-age=31536000, immutable';
const SHORT_CACHE = 'public, max-age=300';

export type AssetManifest = ReadonlyMap<string, string>;

/** Hashes every file under `dir` (paths relative to it, `/`-separated). */
export function buildAssetManifest(dir: string): AssetManifest {
  const manifest = new Map<string, string>();
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, file).split(path.sep).join('/');
    manifest.set(relative, createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12));
  }
  return manifest;
}

export class UnknownAssetError extends Error {
  constructor(readonly asset: string) {
    super(`no file public/${asset}`);
  }
}

export function assetUrl(manifest: AssetManifest, asset: string): string {
  const hash = manifest.get(asset);
  if (hash === undefined) throw new UnknownAssetError(asset);
  return `${ASSETS_MOUNT}/${asset}?v=${hash}`;
}

export function serveAssets(dir: string, manifest: AssetManifest): RequestHandler {
  return express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders(res: ServerResponse & { req?: { url?: string } }, filePath: string) {
      const asset = path.relative(dir, filePath).split(path.sep).join('/');
      const version = new URL(res.req?.url ?? '/', 'http://x').searchParams.get('v');
      res.setHeader(
        'Cache-Control',
        version !== null && version === manifest.get(asset) ? LONG_CACHE : SHORT_CACHE,
      );
    },
  });
}
