/**
 * The demo course: one instructor, eight learners and the placements (resource links) that put
 * Teamloop in the course. Plain data with stable ids, so tests, bookmarks and the tool's stored
 * data keep matching across restarts. Names and e-mail addresses are fictional; the `.invalid`
 * top-level domain can never receive mail.
 */

export type DemoRole = 'instructor' | 'learner';

export interface DemoCourseUser {
  readonly id: string;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly role: DemoRole;
}

export interface DemoPlacement {
  /** The LTI resource link id. */
  readonly id: string;
  readonly title: string;
  /** Custom parameters the platform sends with every launch of this placement. */
  readonly custom: Readonly<Record<string, string>>;
  /** The course the placement is in; the main demo course when absent. */
  readonly courseId?: string;
}

export interface DemoCourse {
  readonly id: string;
  readonly title: string;
  readonly label: string;
}

export const DEMO_COURSE: DemoCourse = Object.freeze({
  id: 'demo-course-1',
  title: 'Teamloop demo course',
  label: 'DEMO-101',
});

/**
 * A second course with the same people, reachable only by its placement (not on the course
 * page): for checking that nothing of one course shows or can be changed from another.
 */
export const DEMO_OTHER_COURSE: DemoCourse = Object.freeze({
  id: 'demo-course-2',
  title: 'Teamloop demo course 2',
  label: 'DEMO-102',
});

const EMAIL_DOMAIN = 'demo.teamloop.invalid';

function person(id: string, givenName: string, familyName: string, role: DemoRole): DemoCourseUser {
  return Object.freeze({
    id,
    name: `${givenName} ${familyName}`,
    givenName,
    familyName,
    email: `${id}@${EMAIL_DOMAIN}`,
    role,
  });
}

export const DEMO_USERS: readonly DemoCourseUser[] = Object.freeze([
  person('demo-instructor', 'Maria', 'Jansen', 'instructor'),
  person('demo-learner-1', 'Sam', 'Bakker', 'learner'),
  person('demo-learner-2', 'Noor', 'de Vries', 'learner'),
  person('demo-learner-3', 'Lucas', 'Visser', 'learner'),
  person('demo-learner-4', 'Emma', 'Smit', 'learner'),
  person('demo-learner-5', 'Daan', 'Mulder', 'learner'),
  person('demo-learner-6', 'Sophie', 'de Boer', 'learner'),
  person('demo-learner-7', 'Finn', 'Meijer', 'learner'),
  person('demo-learner-8', 'Zoë', 'Bos', 'learner'),
]);

export const DEMO_PLACEMENTS: readonly DemoPlacement[] = Object.freeze([
  Object.freeze({
    id: 'demo-team-task-1',
    title: 'Team task',
    custom: Object.freeze({ placement: 'team-task' }),
  }),
  Object.freeze({
    id: 'demo-team-task-2',
    title: 'Second team task',
    custom: Object.freeze({ placement: 'team-task' }),
  }),
  Object.freeze({
    id: 'demo-other-course-task',
    title: 'Team task in course 2',
    custom: Object.freeze({ placement: 'team-task' }),
    courseId: DEMO_OTHER_COURSE.id,
  }),
]);

/** The course a placement belongs to. */
export function courseOfPlacement(placement: DemoPlacement): DemoCourse {
  return placement.courseId === DEMO_OTHER_COURSE.id ? DEMO_OTHER_COURSE : DEMO_COURSE;
}

export const DEFAULT_PLACEMENT_ID = DEMO_PLACEMENTS[0]!.id;

export function findDemoUser(id: string): DemoCourseUser | undefined {
  return DEMO_USERS.find((user) => user.id === id);
}

export function findDemoPlacement(id: string): DemoPlacement | undefined {
  return DEMO_PLACEMENTS.find((placement) => placement.id === id);
}
