/**
 * RFC 4122 name-based UUIDs (version 5, SHA-1). Statement ids are derived from the identity of
 * the domain event, so rebuilding a statement for the same event (a retry, a replay, a backfill)
 * gives the same id and the LRS stores it once (xAPI Data §2.4.1, Communication §2.1.1).
 */
import { createHash } from 'node:crypto';

/** Teamloop's namespace for statement ids and registrations (fixed forever). */
export const TEAMLOOP_NAMESPACE = 'a7d3c1e2-5b4f-4f0a-9c6e-2d8b7e1f4a90';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function uuidV5(name: string, namespace: string = TEAMLOOP_NAMESPACE): string {
  if (!isUuid(namespace)) throw new Error(`namespace is not a UUID: ${namespace}`);
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
