/**
 * What the submission, review and grade use cases need on top of `TeamworkDeps`: their
 * repositories and file store (`store/review-store.ts`), display names (for facilitators and
 * non-anonymous views; projections decide who sees them), the gradebook port and the upload
 * limits from configuration.
 */
import type { UserId } from '../../domain/shared/ids.js';
import type { SubmissionLimits } from '../../domain/submission/submission.js';
import type { ReviewStore } from '../../store/review-store.js';
import type { TeamworkDeps } from './deps.js';
import type { GradebookPort } from './gradebook.js';

/** Display names of people (the course directory in production). */
export interface PeopleDirectory {
  people(ids: readonly UserId[]): Promise<ReadonlyMap<UserId, { readonly name: string | undefined }>>;
}

export interface ReviewDeps extends TeamworkDeps, ReviewStore {
  readonly directory: PeopleDirectory;
  readonly gradebook: GradebookPort;
  readonly submissionLimits: SubmissionLimits;
}
