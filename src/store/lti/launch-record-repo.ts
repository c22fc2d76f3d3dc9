/**
 * People, courses and memberships as seen at launch. Each launch upserts the person (by issuer
 * and `sub`), the course (by issuer, deployment and context id) and the membership linking them.
 */
import type { ClientSession, Connection } from 'mongoose';
import type { CourseRole } from '../../domain/lti/roles.js';
import { courseModel } from '../mongo/models/course.model.js';
import { membershipModel } from '../mongo/models/membership.model.js';
import { personModel } from '../mongo/models/person.model.js';

export interface LaunchRecordInput {
  readonly issuer: string;
  readonly deploymentId: string;
  readonly person: {
    readonly subject: string;
    readonly name?: string | undefined;
    readonly givenName?: string | undefined;
    readonly familyName?: string | undefined;
    readonly email?: string | undefined;
    readonly locale?: string | undefined;
  };
  readonly course: {
    readonly contextId: string;
    readonly title?: string | undefined;
    readonly label?: string | undefined;
  };
  readonly roles: readonly CourseRole[];
  readonly ltiRoles: readonly string[];
  readonly at: Date;
  /** The registration's client id and the Advantage endpoints the launch carried, if any. */
  readonly clientId?: string | undefined;
  readonly services?: {
    readonly membershipsUrl?: string | undefined;
    readonly lineItemsUrl?: string | undefined;
    readonly agsScopes?: readonly string[] | undefined;
  };
}

export interface LaunchRecordIds {
  readonly personId: string;
  readonly courseId: string;
  readonly membershipId: string;
}

export interface CourseSummary {
  readonly id: string;
  readonly title: string | undefined;
  readonly label: string | undefined;
  readonly facilitatorCount: number;
  readonly learnerCount: number;
}

export interface LaunchRecordRepo {
  /** Upserts person, course and membership; inside `session`'s transaction when given. */
  record(input: LaunchRecordInput, session?: ClientSession): Promise<LaunchRecordIds>;
  courseSummary(courseId: string): Promise<CourseSummary | undefined>;
  findCourseId(issuer: string, deploymentId: string, contextId: string): Promise<string | undefined>;
}

/** Drops undefined fields so `$set` never unsets what an earlier launch stored. */
function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createLaunchRecordRepo(connection: Connection): LaunchRecordRepo {
  const People = personModel(connection);
  const Courses = courseModel(connection);
  const Memberships = membershipModel(connection);
  return {
    async record(input, session) {
      const { subject, ...personFields } = input.person;
      // Sequential: operations of one transaction must not run concurrently on its session.
      // No automatic `updatedAt` here: it would make every launch a write (see below).
      const upsert = {
        upsert: true,
        returnDocument: 'after',
        session: session ?? null,
        timestamps: false,
      } as const;
      const created = { createdAt: input.at, updatedAt: input.at };
      // Minute resolution and `$max`: repeated or concurrent launches within a minute change
      // nothing, so they write nothing and never conflict on these shared documents (a course
      // document is shared by every launch into the course).
      const lastLaunchAt = new Date(Math.floor(input.at.getTime() / 60_000) * 60_000);
      const person = await People.findOneAndUpdate(
        { issuer: input.issuer, subject },
        { $set: defined(personFields), $max: { lastLaunchAt }, $setOnInsert: created },
        upsert,
      )
        .select({ _id: 1 })
        .orFail()
        .lean();
      const course = await Courses.findOneAndUpdate(
        { issuer: input.issuer, deploymentId: input.deploymentId, contextId: input.course.contextId },
        {
          $set: defined({
            title: input.course.title,
            label: input.course.label,
            clientId: input.clientId,
            membershipsUrl: input.services?.membershipsUrl,
            lineItemsUrl: input.services?.lineItemsUrl,
            agsScopes: input.services?.agsScopes === undefined ? undefined : [...input.services.agsScopes],
          }),
          $max: { lastLaunchAt },
          $setOnInsert: created,
        },
        upsert,
      )
        .select({ _id: 1 })
        .orFail()
        .lean();
      const membership = await Memberships.findOneAndUpdate(
        { courseId: course._id, personId: person._id },
        {
          $set: { roles: [...input.roles], ltiRoles: [...input.ltiRoles], active: true },
          $max: { lastLaunchAt },
          $setOnInsert: { ...created, source: 'launch' },
        },
        upsert,
      )
        .select({ _id: 1 })
        .orFail()
        .lean();
      return {
        personId: String(person._id),
        courseId: String(course._id),
        membershipId: String(membership._id),
      };
    },
    async findCourseId(issuer, deploymentId, contextId) {
      const course = await Courses.findOne({ issuer, deploymentId, contextId }).select({ _id: 1 }).lean();
      return course === null ? undefined : String(course._id);
    },
    async courseSummary(courseId) {
      const course = await Courses.findById(courseId).lean();
      if (course === null) return undefined;
      const [facilitatorCount, learnerCount] = await Promise.all([
        Memberships.countDocuments({ courseId: course._id, roles: 'facilitator', active: { $ne: false } }),
        Memberships.countDocuments({ courseId: course._id, roles: 'learner', active: { $ne: false } }),
      ]);
      return {
        id: String(course._id),
        title: course.title,
        label: course.label,
        facilitatorCount,
        learnerCount,
      };
    },
  };
}
