/**
 * A learner writes (or revises) their reflection on a task. The self vs peer figures come in
 * with the request as plain ratings per criterion (from peer review results, issue 7); they are
 * snapshotted with the reflection, gaps marked by `criterionGaps`.
 */
import type { CriterionRatings } from '../../domain/reflection/criterion-gaps.js';
import { criterionGaps } from '../../domain/reflection/criterion-gaps.js';
import {
  asReflectionId,
  reviseReflection,
  writeReflection,
  type Reflection,
  type ReflectionAnswers,
} from '../../domain/reflection/reflection.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import { teamOf } from '../../domain/team/team.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { LearningEvent } from '../shared/learning-events.js';
import type { LibraryDeps } from '../shared/library-deps.js';

export async function saveReflection(
  deps: Pick<
    LibraryDeps,
    'teamTasks' | 'teamSets' | 'reflections' | 'transaction' | 'events' | 'now' | 'newId'
  >,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly answers: ReflectionAnswers;
    readonly ratings: readonly CriterionRatings[];
    readonly standard?: StandardRef;
    /** The revision the form was rendered from; absent for a first save. */
    readonly expectedRevision?: number;
  },
): Promise<Reflection> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'write-reflection');
  const set = await deps.teamSets.findByTask(task.id);
  const team = set === undefined ? undefined : teamOf(set, input.actor.userId);
  if (team === undefined) throw new NotPermittedError('write-reflection');
  const gaps = criterionGaps(input.ratings);
  const now = deps.now();
  const existing = await deps.reflections.findByAuthor(task.id, input.actor.userId);
  if (existing === undefined) {
    const reflection = writeReflection(
      {
        id: asReflectionId(deps.newId()),
        courseId: task.courseId,
        taskId: task.id,
        teamId: team.id,
        teamMembers: team.members,
        phase: currentPhase(task),
        answers: input.answers,
        gaps,
        ...(input.standard !== undefined ? { standard: input.standard } : {}),
      },
      input.actor,
      now,
    );
    await deps.transaction(async (tx) => {
      await deps.reflections.insert(reflection, tx);
      await deps.events.record([reflectionSaved(reflection, now)], tx);
    });
    return reflection;
  }
  if (input.expectedRevision !== undefined) assertRevision(existing, input.expectedRevision, 'reflection');
  const revised = reviseReflection(
    existing,
    { answers: input.answers, gaps },
    currentPhase(task),
    input.actor,
    now,
  );
  await deps.transaction(async (tx) => {
    await deps.reflections.save(revised, existing.revision, tx);
    await deps.events.record([reflectionSaved(revised, now)], tx);
  });
  return revised;
}

/** The event of a saved reflection (its revision identifies it). */
function reflectionSaved(reflection: Reflection, at: Date): LearningEvent {
  const { happened, means, next } = reflection.answers;
  return {
    type: 'reflection-saved',
    at,
    courseId: reflection.courseId,
    taskId: reflection.taskId,
    userId: reflection.author,
    teamId: reflection.teamId,
    reflectionId: reflection.id,
    revision: reflection.revision,
    ...(reflection.standard !== undefined ? { standard: reflection.standard } : {}),
    text: [happened, means, next].filter((answer) => answer.trim() !== '').join('\n\n'),
  };
}
