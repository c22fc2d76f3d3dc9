/**
 * Who is who in a course, from the people, courses and memberships the launches recorded: the
 * ids a launch maps to, the course's learners (the roster until names-and-roles sync replaces
 * it) and display names for pages.
 */
import { Types, type Connection } from 'mongoose';
import { asCourseId, asUserId, type CourseId, type UserId } from '../../domain/shared/ids.js';
import { tenantKeyOf, type TenantKey } from '../../domain/shared/tenant.js';
import { courseModel } from '../mongo/models/course.model.js';
import { membershipModel } from '../mongo/models/membership.model.js';
import { personModel } from '../mongo/models/person.model.js';

export interface LaunchIdentity {
  readonly issuer: string;
  readonly deploymentId: string;
  readonly contextId: string;
  readonly subject: string;
}

export interface CoursePerson {
  readonly id: UserId;
  /** The name the LMS gave, or given + family name; undefined when the LMS sent none. */
  readonly name: string | undefined;
}

export interface CourseDirectory {
  /** The stored person and course of a launch; undefined before the launch was recorded. */
  idsOf(
    launch: LaunchIdentity,
  ): Promise<{ readonly userId: UserId; readonly courseId: CourseId } | undefined>;
  /** Everyone with the learner role in the course whose membership is active. */
  learnersOf(courseId: CourseId): Promise<readonly UserId[]>;
  /** Display names of the given people (unknown ids are left out). */
  people(ids: readonly UserId[]): Promise<ReadonlyMap<UserId, CoursePerson>>;
  /**
   * The names (title, else label) the LMS gave the given courses — only for courses of `tenant`
   * (launched through that registration); others, unknown ids and unnamed courses are left out,
   * so no course name crosses LMS registrations.
   */
  courseNames(ids: readonly CourseId[], tenant: TenantKey): Promise<ReadonlyMap<CourseId, string>>;
}

const objectIds = (ids: readonly string[]): Types.ObjectId[] =>
  ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));

export function createCourseDirectory(connection: Connection): CourseDirectory {
  const People = personModel(connection);
  const Courses = courseModel(connection);
  const Memberships = membershipModel(connection);
  return {
    async idsOf(launch) {
      const [person, course] = await Promise.all([
        People.findOne({ issuer: launch.issuer, subject: launch.subject }).select({ _id: 1 }).lean(),
        Courses.findOne({
          issuer: launch.issuer,
          deploymentId: launch.deploymentId,
          contextId: launch.contextId,
        })
          .select({ _id: 1 })
          .lean(),
      ]);
      if (person === null || course === null) return undefined;
      return { userId: asUserId(String(person._id)), courseId: asCourseId(String(course._id)) };
    },
    async learnersOf(courseId) {
      const [id] = objectIds([courseId]);
      if (id === undefined) return [];
      const rows = await Memberships.find({ courseId: id, roles: 'learner', active: { $ne: false } })
        .select({ personId: 1 })
        .sort({ personId: 1 })
        .lean();
      return rows.map((row) => asUserId(String(row.personId)));
    },
    async people(ids) {
      const rows = await People.find({ _id: { $in: objectIds(ids) } })
        .select({ name: 1, givenName: 1, familyName: 1 })
        .lean();
      const out = new Map<UserId, CoursePerson>();
      for (const row of rows) {
        const id = asUserId(String(row._id));
        const joined = [row.givenName, row.familyName].filter((part) => part !== undefined && part !== '');
        out.set(id, { id, name: row.name ?? (joined.length > 0 ? joined.join(' ') : undefined) });
      }
      return out;
    },
    async courseNames(ids, tenant) {
      const rows = await Courses.find({ _id: { $in: objectIds([...new Set(ids)]) } })
        .select({ issuer: 1, clientId: 1, title: 1, label: 1 })
        .lean();
      const out = new Map<CourseId, string>();
      for (const row of rows) {
        if (row.clientId === undefined || row.clientId === '') continue;
        if (tenantKeyOf({ issuer: row.issuer, clientId: row.clientId }) !== tenant) continue;
        const name = row.title !== undefined && row.title.trim() !== '' ? row.title : row.label;
        if (name !== undefined && name.trim() !== '') out.set(asCourseId(String(row._id)), name.trim());
      }
      return out;
    },
  };
}
