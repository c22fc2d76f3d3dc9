/**
 * The demo course's placements: the two fixed ones plus the activities a tool added by deep
 * linking (stored, with their custom parameters and line item).
 */
import { DEMO_PLACEMENTS, type DemoPlacement } from './course.js';
import type { StoredPlacement } from './course-store.js';
import type { DemoPlatformContext } from './platform-context.js';

export interface CoursePlacement extends DemoPlacement {
  readonly lineItemId?: string;
  readonly deepLinked: boolean;
}

export async function findPlacement(
  context: DemoPlatformContext,
  id: string,
): Promise<CoursePlacement | undefined> {
  const fixed = DEMO_PLACEMENTS.find((p) => p.id === id);
  if (fixed !== undefined) return { ...fixed, deepLinked: false };
  const stored = await context.courseStore.placements.findById(id).lean<StoredPlacement>();
  return stored === null ? undefined : toPlacement(stored);
}

export async function listPlacements(context: DemoPlatformContext): Promise<CoursePlacement[]> {
  const stored = await context.courseStore.placements
    .find({})
    .sort({ createdAt: 1 })
    .lean<StoredPlacement[]>();
  return [...DEMO_PLACEMENTS.map((p) => ({ ...p, deepLinked: false })), ...stored.map(toPlacement)];
}

function toPlacement(stored: StoredPlacement): CoursePlacement {
  return {
    id: stored._id,
    title: stored.title,
    custom: stored.custom,
    ...(stored.lineItemId === undefined ? {} : { lineItemId: stored.lineItemId }),
    deepLinked: true,
  };
}
