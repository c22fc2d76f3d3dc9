/**
 * What the team-task, team and standard use cases need from outside the domain: repositories,
 * a transaction runner, the clock, new ids, randomness and the course roster. `compose.ts` wires
 * the real ones; tests use the same store on the embedded server.
 */
import type { CourseId, UserId } from '../../domain/shared/ids.js';
import type { RandomSource } from '../../domain/shared/random.js';
import type { TransactionRunner } from '../../store/mongo/transactions.js';
import type { StandardVersionRepo } from '../../store/standards/standard-version-repo.js';
import type { TeamStandardRepo } from '../../store/standards/team-standard-repo.js';
import type { TeamTaskRepo } from '../../store/team-tasks/team-task-repo.js';
import type { TeamSetRepo } from '../../store/teams/team-set-repo.js';
import type { GradebookPort } from './gradebook.js';

/** The learners of a course (the LTI names-and-roles service, once that is built). */
export interface RosterSource {
  learnersOf(courseId: CourseId): Promise<readonly UserId[]>;
}

export interface TeamworkDeps {
  readonly teamTasks: TeamTaskRepo;
  readonly teamSets: TeamSetRepo;
  readonly standards: TeamStandardRepo;
  readonly standardVersions: StandardVersionRepo;
  readonly transaction: TransactionRunner;
  readonly roster: RosterSource;
  readonly now: () => Date;
  /** A new unique id (e.g. `crypto.randomUUID`). */
  readonly newId: () => string;
  readonly random: RandomSource;
  /** Scores for the LMS gradebook (LTI AGS); queued, never waits on the LMS. Absent in some tests. */
  readonly gradebook?: GradebookPort;
}
