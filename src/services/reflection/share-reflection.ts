/** The author shares their reflection with the team and/or a facilitator, or makes it private. */
import {
  shareReflection as decide,
  type Reflection,
  type ReflectionAudience,
} from '../../domain/reflection/reflection.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';

export async function shareReflection(
  deps: Pick<LibraryDeps, 'teamTasks' | 'reflections' | 'transaction' | 'events' | 'now'>,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly sharedWith: readonly ReflectionAudience[] },
): Promise<Reflection> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'share-reflection');
  const existing = await deps.reflections.findByAuthor(task.id, input.actor.userId);
  if (existing === undefined) throw new NotFoundError('reflection', `${task.id}/${input.actor.userId}`);
  const now = deps.now();
  const shared = decide(existing, input.sharedWith, input.actor, now);
  await deps.transaction(async (tx) => {
    await deps.reflections.save(shared, existing.revision, tx);
    await deps.events.record(
      [
        {
          type: 'reflection-shared',
          at: now,
          courseId: shared.courseId,
          taskId: shared.taskId,
          userId: shared.author,
          teamId: shared.teamId,
          reflectionId: shared.id,
          revision: shared.revision,
          sharedWith: shared.sharedWith,
        },
      ],
      tx,
    );
  });
  return shared;
}
