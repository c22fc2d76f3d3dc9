/**
 * "What is left to do", per person, computed from the state of the task, its teams and their
 * standards (nothing is stored). Items are codes with the data a message needs; the web layer
 * turns them into text. This file is the one place in `team-task/` that reads teams and
 * standards, because a to-do list spans them.
 *
 * Phases after standard-setting name the phase's main action (submit work, review, reflect,
 * share), refined by what the learner has done when the caller passes it in (`progress`, loaded
 * by the services from the review store): work already submitted drops "submit", "review peers"
 * says how many reviews are still open, a contribution split the task asks for and the learner
 * has not given is its own item, and released feedback adds "read your feedback".
 */

import type { Actor } from '../shared/actor.js';
import type { TeamId, UserId } from '../shared/ids.js';
import { evaluateConsensus, readinessIssues } from '../standard/consensus.js';
import { openObjections } from '../standard/discussion.js';
import { STANDARD_LIMITS } from '../standard/criteria.js';
import { activeCriteria } from '../standard/team-standard.js';
import type { TeamStandard } from '../standard/team-standard.js';
import { countingWeightings } from '../standard/weighting.js';
import { teamOf, unassignedLearners, type TeamSet } from '../team/team.js';
import { hasWorkStarted } from './phases.js';
import { dueTransitions, isPhaseOpen } from './phase-transitions.js';
import { buildTimeline } from './timeline.js';
import { currentPhase, type TeamTask } from './team-task.js';

export type ToDo =
  // learners
  | { readonly code: 'join-team' }
  | { readonly code: 'wait-for-team' }
  | { readonly code: 'propose-criteria'; readonly teamId: TeamId; readonly missing: number }
  | { readonly code: 'weigh-criteria'; readonly teamId: TeamId }
  | { readonly code: 'agree-or-object'; readonly teamId: TeamId }
  | { readonly code: 'resolve-objection'; readonly teamId: TeamId }
  | { readonly code: 'submit-work'; readonly teamId: TeamId }
  | { readonly code: 'review-peers'; readonly teamId: TeamId; readonly open?: number }
  | { readonly code: 'give-contribution'; readonly teamId: TeamId }
  | { readonly code: 'read-feedback'; readonly teamId: TeamId }
  | { readonly code: 'reflect'; readonly teamId: TeamId }
  | { readonly code: 'share-story'; readonly teamId: TeamId }
  // facilitators
  | { readonly code: 'form-teams'; readonly unassigned: number }
  | { readonly code: 'open-task' }
  | { readonly code: 'approve-standard'; readonly teamId: TeamId }
  | { readonly code: 'follow-up-standard'; readonly teamId: TeamId }
  | { readonly code: 'advance-phase'; readonly to: string }
  | { readonly code: 'apply-schedule' };

/** What a learner has done in a task's later phases (each fact optional: unknown leaves the plain item). */
export interface LearnerProgress {
  /** Their (team's) work is handed in. */
  readonly workSubmitted?: boolean;
  /** Peer reviews given to them that are not submitted yet. */
  readonly openReviews?: number;
  /** They can take more work to review themselves (pull allocation). */
  readonly mayTakeMore?: boolean;
  /** The task asks members for a contribution split and they have not given one. */
  readonly contributionSplitDue?: boolean;
  /** Peers' feedback on their (team's) work is released and there is some to read. */
  readonly feedbackReleased?: boolean;
}

/** The phases in which members give their contribution split (as the split page accepts it). */
const CONTRIBUTION_PHASES: readonly string[] = ['work', 'peer-review', 'reflection'];

export interface ToDoInput {
  readonly task: TeamTask;
  readonly teamSet?: TeamSet;
  /** The standards of the task's teams (any order). */
  readonly standards: readonly TeamStandard[];
  /** The learners of the course. */
  readonly roster: readonly UserId[];
  readonly actor: Actor;
  readonly now: Date;
  /** The learner's progress in this task (learners only). */
  readonly progress?: LearnerProgress;
}

export function toDoFor(input: ToDoInput): readonly ToDo[] {
  return input.actor.role === 'facilitator' ? facilitatorToDo(input) : learnerToDo(input);
}

function learnerToDo(input: ToDoInput): ToDo[] {
  const { task, teamSet, actor, now } = input;
  const phase = currentPhase(task);
  if (phase === 'setup' || phase === 'closed') return [];
  const team = teamSet === undefined ? undefined : teamOf(teamSet, actor.userId);
  if (team === undefined) {
    if (hasWorkStarted(phase)) return [];
    return teamSet?.mode === 'self-selection' ? [{ code: 'join-team' }] : [{ code: 'wait-for-team' }];
  }
  if (!isPhaseOpen(task, phase, now)) return [];
  const teamId = team.id;
  switch (phase) {
    case 'standard-setting': {
      const standard = input.standards.find((s) => s.teamId === teamId);
      if (standard === undefined || standard.status === 'ratified' || standard.locked !== undefined)
        return [];
      const items: ToDo[] = [];
      const missing = STANDARD_LIMITS.minCriteria - activeCriteria(standard).length;
      if (missing > 0) return [{ code: 'propose-criteria', teamId, missing }];
      if (!countingWeightings(standard, [actor.userId]).length)
        items.push({ code: 'weigh-criteria', teamId });
      if (openObjections(standard, team.members).some((o) => o.by === actor.userId)) {
        items.push({ code: 'resolve-objection', teamId });
      } else if (
        readinessIssues(standard, team.members).length === 0 &&
        evaluateConsensus(standard, task.consensusRule, team.members).pending.includes(actor.userId)
      ) {
        items.push({ code: 'agree-or-object', teamId });
      }
      return items;
    }
    case 'work':
    case 'peer-review':
    case 'reflection':
    case 'share':
      return laterPhaseToDo(phase, teamId, input.progress ?? {});
  }
}

function laterPhaseToDo(
  phase: 'work' | 'peer-review' | 'reflection' | 'share',
  teamId: TeamId,
  progress: LearnerProgress,
): ToDo[] {
  const items: ToDo[] = [];
  if (phase === 'work' && progress.workSubmitted !== true) items.push({ code: 'submit-work', teamId });
  if (phase === 'peer-review') {
    const open = progress.openReviews;
    // Nothing open and nothing to take: this learner's reviews are done.
    if (open === undefined) items.push({ code: 'review-peers', teamId });
    else if (open > 0 || progress.mayTakeMore === true) items.push({ code: 'review-peers', teamId, open });
  }
  if (progress.feedbackReleased === true && (phase === 'peer-review' || phase === 'reflection'))
    items.push({ code: 'read-feedback', teamId });
  if (phase === 'reflection') items.push({ code: 'reflect', teamId });
  if (progress.contributionSplitDue === true && CONTRIBUTION_PHASES.includes(phase))
    items.push({ code: 'give-contribution', teamId });
  if (phase === 'share') items.push({ code: 'share-story', teamId });
  return items;
}

function facilitatorToDo(input: ToDoInput): ToDo[] {
  const { task, teamSet, now } = input;
  const phase = currentPhase(task);
  const items: ToDo[] = [];
  if (phase === 'closed') return items;
  if (dueTransitions(task, now).length > 0) items.push({ code: 'apply-schedule' });
  const unassigned = unassignedLearners(teamSet, input.roster).length;
  const selfSelecting = teamSet?.mode === 'self-selection' && !hasWorkStarted(phase);
  if ((teamSet === undefined || unassigned > 0) && !selfSelecting)
    items.push({ code: 'form-teams', unassigned });
  if (phase === 'setup') {
    if (teamSet !== undefined) items.push({ code: 'open-task' });
    return items;
  }
  if (phase === 'standard-setting' || phase === 'work') {
    for (const team of teamSet?.teams ?? []) {
      const standard = input.standards.find((s) => s.teamId === team.id);
      if (standard === undefined || standard.status === 'ratified') continue;
      const ready = readinessIssues(standard, team.members).length === 0;
      const approve = task.consensusRule === 'facilitator-approval' && ready;
      items.push(
        approve
          ? { code: 'approve-standard', teamId: team.id }
          : { code: 'follow-up-standard', teamId: team.id },
      );
    }
  }
  const next = buildTimeline(task, now).next;
  if (next !== undefined && next.by === 'facilitator' && !isPhaseOpen(task, phase, now)) {
    items.push({ code: 'advance-phase', to: next.phase });
  }
  return items;
}
