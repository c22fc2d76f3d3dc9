/** Team tasks: plain `TeamTask` values in and out; saves compare-and-set on `revision`. */
import type { Connection } from 'mongoose';
import { VersionConflictError } from '../../domain/shared/errors.js';
import {
  asCourseId,
  asStandardId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamTaskId,
} from '../../domain/shared/ids.js';
import type { PhaseName, TaskPhase } from '../../domain/team-task/phases.js';
import {
  currentPhase,
  type ConsensusRule,
  type PhaseChange,
  type PhaseSchedule,
  type PhaseWindow,
  type StandardStart,
  type TeamTask,
} from '../../domain/team-task/team-task.js';
import type { CriterionContent } from '../../domain/standard/criterion.js';
import {
  teamTaskModel,
  type CriterionContentDoc,
  type TeamTaskDoc,
} from '../mongo/models/team-task.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';

export interface TeamTaskRepo {
  findById(id: TeamTaskId): Promise<TeamTask | undefined>;
  listByCourse(courseId: CourseId): Promise<readonly TeamTask[]>;
  /** Tasks not yet closed (for the scheduler). */
  listNotClosed(): Promise<readonly TeamTask[]>;
  insert(task: TeamTask, tx?: Tx): Promise<void>;
  /** @throws VersionConflictError when the stored revision is not `expectedRevision`. */
  save(task: TeamTask, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createTeamTaskRepo(connection: Connection): TeamTaskRepo {
  const model = teamTaskModel(connection);
  return {
    async findById(id) {
      const doc = await model.findById(id).lean<TeamTaskDoc>();
      return doc === null ? undefined : toTeamTask(doc);
    },
    async listByCourse(courseId) {
      const docs = await model.find({ courseId }).sort({ createdAt: 1, _id: 1 }).lean<TeamTaskDoc[]>();
      return docs.map(toTeamTask);
    },
    async listNotClosed() {
      const docs = await model.find({ phase: { $ne: 'closed' } }).lean<TeamTaskDoc[]>();
      return docs.map(toTeamTask);
    },
    async insert(task, tx) {
      await model.create([toDoc(task)], sessionOf(tx));
    },
    async save(task, expectedRevision, tx) {
      const result = await model.replaceOne(
        { _id: task.id, revision: expectedRevision },
        toDoc(task),
        sessionOf(tx),
      );
      if (result.matchedCount === 0) {
        const current = await model
          .findById(task.id, { revision: 1 }, sessionOf(tx))
          .lean<{ revision: number }>();
        throw new VersionConflictError({
          entity: 'team-task',
          id: task.id,
          expected: expectedRevision,
          ...(current !== null ? { actual: current.revision } : {}),
        });
      }
    },
  };
}

function toDoc(task: TeamTask): TeamTaskDoc {
  const schedule: Record<string, { opensAt?: Date; closesAt?: Date }> = {};
  for (const [phase, window] of Object.entries(task.schedule) as [PhaseName, PhaseWindow | undefined][]) {
    if (window === undefined) continue;
    schedule[phase] = {
      ...(window.opensAt !== undefined ? { opensAt: window.opensAt } : {}),
      ...(window.closesAt !== undefined ? { closesAt: window.closesAt } : {}),
    };
  }
  const start = task.standardStart;
  return {
    _id: task.id,
    courseId: task.courseId,
    title: task.title,
    brief: task.brief,
    outcome: task.outcome,
    phases: [...task.phases],
    schedule,
    consensusRule: task.consensusRule,
    standardStart:
      start.kind === 'template'
        ? { kind: 'template', criteria: start.criteria.map(contentToDoc) }
        : start.kind === 'library'
          ? {
              kind: 'library',
              source: { standardId: start.source.standardId, version: start.source.version },
            }
          : { kind: 'blank' },
    history: task.history.map((c) => ({
      from: c.from,
      to: c.to,
      at: c.at,
      cause:
        c.cause.kind === 'facilitator'
          ? { kind: 'facilitator', userId: c.cause.userId }
          : { kind: 'schedule' },
    })),
    phase: currentPhase(task),
    createdBy: task.createdBy,
    createdAt: task.createdAt,
    revision: task.revision,
  };
}

export function contentToDoc(content: CriterionContent): CriterionContentDoc {
  return {
    name: content.name,
    description: content.description,
    levels: content.levels.map((l) => ({ label: l.label, descriptor: l.descriptor })),
  };
}

export function contentFromDoc(doc: CriterionContentDoc): CriterionContent {
  return {
    name: doc.name,
    description: doc.description,
    levels: doc.levels.map((l) => ({ label: l.label, descriptor: l.descriptor })),
  };
}

function toTeamTask(doc: TeamTaskDoc): TeamTask {
  const schedule: Partial<Record<PhaseName, PhaseWindow>> = {};
  for (const [phase, window] of Object.entries(doc.schedule ?? {})) {
    if (window === undefined || window === null) continue;
    const w: PhaseWindow = {
      ...(window.opensAt instanceof Date ? { opensAt: window.opensAt } : {}),
      ...(window.closesAt instanceof Date ? { closesAt: window.closesAt } : {}),
    };
    schedule[phase as PhaseName] = w;
  }
  const s = doc.standardStart;
  let standardStart: StandardStart;
  if (s.kind === 'template')
    standardStart = { kind: 'template', criteria: (s.criteria ?? []).map(contentFromDoc) };
  else if (s.kind === 'library' && s.source !== undefined)
    standardStart = {
      kind: 'library',
      source: { standardId: asStandardId(s.source.standardId), version: s.source.version },
    };
  else standardStart = { kind: 'blank' };
  const history: PhaseChange[] = doc.history.map((c) => ({
    from: c.from as TaskPhase,
    to: c.to as TaskPhase,
    at: c.at,
    cause:
      c.cause.kind === 'facilitator' && c.cause.userId !== undefined
        ? { kind: 'facilitator', userId: asUserId(c.cause.userId) }
        : { kind: 'schedule' },
  }));
  return {
    id: asTeamTaskId(doc._id),
    courseId: asCourseId(doc.courseId),
    title: doc.title,
    brief: doc.brief,
    outcome: doc.outcome,
    phases: doc.phases as PhaseName[],
    schedule: schedule as PhaseSchedule,
    consensusRule: doc.consensusRule as ConsensusRule,
    standardStart,
    history,
    createdBy: asUserId(doc.createdBy),
    createdAt: doc.createdAt,
    revision: doc.revision,
  };
}
