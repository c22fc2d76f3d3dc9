/** Small mappers the reflection, retrospective and story repositories share. */
import { asStandardId } from '../domain/shared/ids.js';
import type { StandardRef } from '../domain/standard/standard-ref.js';

export function refToDoc(ref: StandardRef): { standardId: string; version: number } {
  return { standardId: ref.standardId, version: ref.version };
}

export function refFromDoc(
  doc: { standardId?: string; version?: number } | null | undefined,
): StandardRef | undefined {
  if (doc == null || typeof doc.standardId !== 'string' || typeof doc.version !== 'number') return undefined;
  return { standardId: asStandardId(doc.standardId), version: doc.version };
}

/** Copies the optional numeric fields that are present (stored docs have no undefined). */
export function presentNumbers<K extends string>(
  source: Partial<Record<K, number | null | undefined>>,
  keys: readonly K[],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) {
    const v = source[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}
