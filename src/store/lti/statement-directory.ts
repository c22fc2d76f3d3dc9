/**
 * What an xAPI statement needs to know about the people, courses and platforms of recorded
 * launches and about team tasks, looked up by the ids the services use: a person's platform
 * subject and e-mail, a course's LTI ids and title, the platform's client id, a task's title and
 * a team's name. Plain values out; undefined when nothing is stored under the id.
 */
import { Types, type Connection } from 'mongoose';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { courseModel } from '../mongo/models/course.model.js';
import { personModel } from '../mongo/models/person.model.js';
import { platformModel } from '../mongo/models/platform.model.js';
import type { TeamTaskRepo } from '../team-tasks/team-task-repo.js';
import type { TeamSetRepo } from '../teams/team-set-repo.js';

export interface StatementPerson {
  readonly issuer: string;
  /** The LTI `sub`. */
  readonly subject: string;
  readonly email: string | undefined;
  readonly locale: string | undefined;
}

export interface StatementCourse {
  readonly issuer: string;
  readonly deploymentId: string;
  /** The LTI context id. */
  readonly contextId: string;
  readonly title: string | undefined;
}

export interface StatementDirectory {
  person(userId: string): Promise<StatementPerson | undefined>;
  course(courseId: string): Promise<StatementCourse | undefined>;
  /** The client id of the platform registration that holds the deployment (or the issuer's only one). */
  clientId(issuer: string, deploymentId: string): Promise<string | undefined>;
  taskTitle(taskId: TeamTaskId): Promise<string | undefined>;
  /** The team's display name: its own name, or "Team <number>". */
  teamName(taskId: TeamTaskId, teamId: TeamId): Promise<string | undefined>;
}

/** People and courses have ObjectId keys; anything else is looked up as it is. */
function keyOf(id: string): Types.ObjectId | string {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : id;
}

export function createStatementDirectory(
  connection: Connection,
  teamwork: {
    readonly teamTasks: Pick<TeamTaskRepo, 'findById'>;
    readonly teamSets: Pick<TeamSetRepo, 'findByTask'>;
  },
): StatementDirectory {
  // Raw collections: keys are read as stored (ObjectIds from launches; plain strings are left as
  // they are rather than cast).
  const people = personModel(connection).collection;
  const courses = courseModel(connection).collection;
  const platforms = platformModel(connection).collection;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    async person(userId) {
      const doc = await people.findOne(
        { _id: keyOf(userId) as Types.ObjectId },
        { projection: { issuer: 1, subject: 1, email: 1, locale: 1 } },
      );
      if (doc === null) return undefined;
      return {
        issuer: String(doc['issuer']),
        subject: String(doc['subject']),
        email: text(doc['email']),
        locale: text(doc['locale']),
      };
    },
    async course(courseId) {
      const doc = await courses.findOne(
        { _id: keyOf(courseId) as Types.ObjectId },
        { projection: { issuer: 1, deploymentId: 1, contextId: 1, title: 1 } },
      );
      if (doc === null) return undefined;
      return {
        issuer: String(doc['issuer']),
        deploymentId: String(doc['deploymentId']),
        contextId: String(doc['contextId']),
        title: text(doc['title']),
      };
    },
    async clientId(issuer, deploymentId) {
      const rows = await platforms
        .find({ issuer }, { projection: { clientId: 1, deploymentIds: 1 } })
        .sort({ clientId: 1 })
        .toArray();
      const holder = rows.find(
        (row) => Array.isArray(row['deploymentIds']) && row['deploymentIds'].includes(deploymentId),
      );
      return text((holder ?? (rows.length === 1 ? rows[0] : undefined))?.['clientId']);
    },
    async taskTitle(taskId) {
      return (await teamwork.teamTasks.findById(taskId))?.title;
    },
    async teamName(taskId, teamId) {
      const team = (await teamwork.teamSets.findByTask(taskId))?.teams.find((t) => t.id === teamId);
      return team === undefined ? undefined : (team.name ?? `Team ${team.number}`);
    },
  };
}
