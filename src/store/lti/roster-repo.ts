/**
 * A course's roster as the platform's names-and-roles service reports it, kept on the same
 * people and memberships the launches record: listed members are upserted (active unless the
 * platform says otherwise), members no longer listed are marked inactive (never deleted), and
 * the course remembers the outcome of its latest sync.
 */
import { Types, type Connection } from 'mongoose';
import type { CourseRole } from '../../domain/lti/roles.js';
import { asCourseId, asUserId, type CourseId, type UserId } from '../../domain/shared/ids.js';
import { courseModel, type RosterSyncDoc } from '../mongo/models/course.model.js';
import { membershipModel } from '../mongo/models/membership.model.js';
import { personModel } from '../mongo/models/person.model.js';

export interface CourseServices {
  readonly courseId: CourseId;
  readonly issuer: string;
  readonly clientId: string | undefined;
  readonly deploymentId: string;
  readonly contextId: string;
  readonly title: string | undefined;
  readonly membershipsUrl: string | undefined;
  readonly lineItemsUrl: string | undefined;
  readonly agsScopes: readonly string[];
  readonly roster: RosterSyncState | undefined;
}

export type RosterSyncState = Readonly<RosterSyncDoc>;

export interface RosterMemberInput {
  readonly subject: string;
  readonly name: string | undefined;
  readonly givenName: string | undefined;
  readonly familyName: string | undefined;
  readonly email: string | undefined;
  readonly roles: readonly CourseRole[];
  readonly ltiRoles: readonly string[];
  readonly active: boolean;
}

export interface RosterEntry {
  readonly userId: UserId;
  readonly name: string | undefined;
  readonly roles: readonly CourseRole[];
  readonly active: boolean;
  readonly source: 'launch' | 'roster';
  readonly lastLaunchAt: Date | undefined;
}

export interface RosterRepo {
  courseServices(courseId: CourseId): Promise<CourseServices | undefined>;
  /** Upserts the listed members and deactivates the others; counts after the change. */
  applyRoster(
    course: Pick<CourseServices, 'courseId' | 'issuer'>,
    members: readonly RosterMemberInput[],
    at: Date,
  ): Promise<{ readonly active: number; readonly inactive: number }>;
  recordSync(courseId: CourseId, state: RosterSyncState): Promise<void>;
  /** Everyone with a membership in the course, active first, then by name. */
  roster(courseId: CourseId): Promise<readonly RosterEntry[]>;
  /** The person's LTI `sub` on their platform. */
  subjectOf(userId: UserId): Promise<string | undefined>;
}

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const objectId = (id: string): Types.ObjectId | undefined =>
  Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : undefined;

export function createRosterRepo(connection: Connection): RosterRepo {
  const People = personModel(connection);
  const Courses = courseModel(connection);
  const Memberships = membershipModel(connection);
  return {
    async courseServices(courseId) {
      const id = objectId(courseId);
      if (id === undefined) return undefined;
      const course = await Courses.findById(id).lean();
      if (course === null) return undefined;
      return {
        courseId: asCourseId(String(course._id)),
        issuer: course.issuer,
        clientId: course.clientId,
        deploymentId: course.deploymentId,
        contextId: course.contextId,
        title: course.title,
        membershipsUrl: course.membershipsUrl,
        lineItemsUrl: course.lineItemsUrl,
        agsScopes: course.agsScopes ?? [],
        roster: course.roster,
      };
    },
    async applyRoster(course, members, at) {
      const courseId = objectId(course.courseId);
      if (courseId === undefined) throw new Error(`not a course id: ${course.courseId}`);
      if (members.length > 0) {
        await People.bulkWrite(
          members.map((m) => ({
            updateOne: {
              filter: { issuer: course.issuer, subject: m.subject },
              update: {
                $set: defined({
                  name: m.name,
                  givenName: m.givenName,
                  familyName: m.familyName,
                  email: m.email,
                }),
                $setOnInsert: { createdAt: at, updatedAt: at },
              },
              upsert: true,
              timestamps: false,
            },
          })),
          { ordered: false },
        );
      }
      const people = await People.find({
        issuer: course.issuer,
        subject: { $in: members.map((m) => m.subject) },
      })
        .select({ _id: 1, subject: 1 })
        .lean();
      const idBySubject = new Map(people.map((p) => [p.subject, p._id]));
      const listed: Types.ObjectId[] = [];
      const ops = members.flatMap((m) => {
        const personId = idBySubject.get(m.subject);
        if (personId === undefined) return [];
        listed.push(personId);
        return [
          {
            updateOne: {
              filter: { courseId, personId },
              update: {
                $set: { roles: [...m.roles], ltiRoles: [...m.ltiRoles], active: m.active, syncedAt: at },
                $setOnInsert: { source: 'roster' as const, createdAt: at, updatedAt: at },
              },
              upsert: true,
              timestamps: false,
            },
          },
        ];
      });
      if (ops.length > 0) await Memberships.bulkWrite(ops, { ordered: false });
      await Memberships.updateMany(
        { courseId, personId: { $nin: listed }, active: { $ne: false } },
        { $set: { active: false, syncedAt: at } },
      );
      const [active, inactive] = await Promise.all([
        Memberships.countDocuments({ courseId, active: { $ne: false } }),
        Memberships.countDocuments({ courseId, active: false }),
      ]);
      return { active, inactive };
    },
    async recordSync(courseId, state) {
      const id = objectId(courseId);
      if (id === undefined) return;
      const update: Record<string, unknown> = {
        'roster.status': state.status,
        'roster.at': state.at,
        ...Object.fromEntries(
          Object.entries(defined({ ...state })).map(([key, value]) => [`roster.${key}`, value]),
        ),
      };
      const unset = state.status === 'ok' ? { 'roster.error': 1 } : {};
      await Courses.updateOne({ _id: id }, { $set: update, $unset: unset }, { timestamps: false });
    },
    async subjectOf(userId) {
      const id = objectId(userId);
      if (id === undefined) return undefined;
      const person = await People.findById(id).select({ subject: 1 }).lean();
      return person?.subject;
    },
    async roster(courseId) {
      const id = objectId(courseId);
      if (id === undefined) return [];
      const memberships = await Memberships.find({ courseId: id }).lean();
      const people = await People.find({ _id: { $in: memberships.map((m) => m.personId) } })
        .select({ name: 1, givenName: 1, familyName: 1 })
        .lean();
      const names = new Map(
        people.map((p) => {
          const joined = [p.givenName, p.familyName].filter((s) => s !== undefined && s !== '').join(' ');
          return [String(p._id), p.name ?? (joined === '' ? undefined : joined)];
        }),
      );
      return memberships
        .map((m): RosterEntry => ({
          userId: asUserId(String(m.personId)),
          name: names.get(String(m.personId)),
          roles: m.roles as CourseRole[],
          active: m.active !== false,
          source: m.source ?? 'launch',
          lastLaunchAt: m.lastLaunchAt,
        }))
        .sort(
          (a, b) =>
            Number(b.active) - Number(a.active) ||
            (a.name ?? '').localeCompare(b.name ?? '') ||
            a.userId.localeCompare(b.userId),
        );
    },
  };
}
