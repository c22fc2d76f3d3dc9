/**
 * The repositories of team tasks, teams and standards on one connection, and the transaction
 * runner that makes multi-document changes atomic.
 */
import type { Connection } from 'mongoose';
import { standardVersionModel } from './mongo/models/standard-version.model.js';
import { teamMembershipModel, teamSetModel } from './mongo/models/team-set.model.js';
import { teamStandardModel } from './mongo/models/team-standard.model.js';
import { teamTaskModel } from './mongo/models/team-task.model.js';
import { transactionRunner, type TransactionRunner } from './mongo/transactions.js';
import { createLibraryStandardRepo, type LibraryStandardRepo } from './library/library-standard-repo.js';
import { libraryStandardModel } from './mongo/models/library-standard.model.js';
import { reflectionModel } from './mongo/models/reflection.model.js';
import { retrospectiveModel } from './mongo/models/retrospective.model.js';
import { storyHelpfulMarkModel, storyModel, storyViewModel } from './mongo/models/story.model.js';
import { createReflectionRepo, type ReflectionRepo } from './reflections/reflection-repo.js';
import { createRetrospectiveRepo, type RetrospectiveRepo } from './retrospectives/retrospective-repo.js';
import { createStoryRepo, type StoryRepo } from './stories/story-repo.js';
import { createStandardVersionRepo, type StandardVersionRepo } from './standards/standard-version-repo.js';
import { createTeamStandardRepo, type TeamStandardRepo } from './standards/team-standard-repo.js';
import { createTeamTaskRepo, type TeamTaskRepo } from './team-tasks/team-task-repo.js';
import { createTeamSetRepo, type TeamSetRepo } from './teams/team-set-repo.js';

export interface TeamworkStore {
  readonly teamTasks: TeamTaskRepo;
  readonly teamSets: TeamSetRepo;
  readonly standards: TeamStandardRepo;
  readonly standardVersions: StandardVersionRepo;
  readonly transaction: TransactionRunner;
}

export function createTeamworkStore(connection: Connection): TeamworkStore {
  const standardVersions = createStandardVersionRepo(connection);
  return {
    teamTasks: createTeamTaskRepo(connection),
    teamSets: createTeamSetRepo(connection),
    standards: createTeamStandardRepo(connection, standardVersions),
    standardVersions,
    transaction: transactionRunner(connection),
  };
}

/**
 * Creates the collections and their indexes. Run once at start-up: collections must exist before
 * a transaction writes to them, and the unique indexes are what keep the invariants.
 */
export async function prepareTeamworkCollections(connection: Connection): Promise<void> {
  for (const model of [
    teamTaskModel(connection),
    teamSetModel(connection),
    teamMembershipModel(connection),
    teamStandardModel(connection),
    standardVersionModel(connection),
  ]) {
    await model.createCollection().catch((error: unknown) => {
      if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
    });
    await model.syncIndexes();
  }
}

/** Reflections, retrospectives, stories and library standards (issue 8). */
export interface LibraryStore {
  readonly reflections: ReflectionRepo;
  readonly retrospectives: RetrospectiveRepo;
  readonly stories: StoryRepo;
  readonly libraryStandards: LibraryStandardRepo;
}

export function createLibraryStore(connection: Connection): LibraryStore {
  return {
    reflections: createReflectionRepo(connection),
    retrospectives: createRetrospectiveRepo(connection),
    stories: createStoryRepo(connection),
    libraryStandards: createLibraryStandardRepo(connection),
  };
}

/** Creates the reflection, retrospective, story and library collections and their indexes. */
export async function prepareLibraryCollections(connection: Connection): Promise<void> {
  for (const model of [
    reflectionModel(connection),
    retrospectiveModel(connection),
    storyModel(connection),
    storyHelpfulMarkModel(connection),
    storyViewModel(connection),
    libraryStandardModel(connection),
  ]) {
    await model.createCollection().catch((error: unknown) => {
      if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
    });
    await model.syncIndexes();
  }
}
