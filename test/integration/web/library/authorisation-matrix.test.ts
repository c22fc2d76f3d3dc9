/**
 * Authorisation on every route of reflection, retrospective, stories and the library (issue 8),
 * as one matrix that cannot silently miss a route:
 *
 * - the routes are read from the running tool's express router stacks (method + path pattern);
 *   every registered route under `/lti/app/library` and `/lti/app/tasks/:taskId/reflection|retrospective`
 *   must have an entry in ROUTES below, and every entry must match a registered route — a new route
 *   fails this test until someone decides who may use it;
 * - one real scenario through the demo platform (and a second LTI platform reusing the same course
 *   and user id strings): a task in course 1 with two teams, a reflection, a retrospective with an
 *   agreed action, a team-visible and a course-visible published story, a submitted (not yet
 *   curated) story, and a library standard with course visibility;
 * - every route × every kind of asker (OUTSIDERS: another team, a learner, the course's
 *   facilitator, a learner of the other demo course, the member themself launched from the other
 *   course, the other course's facilitator, learner and facilitator of a second platform, no session
 *   token, a real ltik without its cookie): the status the table expects, and nothing changed —
 *   stories, helpful marks, library standards, reflections, retrospectives and the xAPI outbox are
 *   compared (normalised JSON) before and after each refused request, and no hidden text is shown.
 *   The statuses are the app's: 400 without any session token and 401 with an ltik but no session
 *   (the LTI layer); 403 where the asker is refused an action on something they may know of (a
 *   learner on a curator's route, a task of another course — routes under a task answer 403 for
 *   any task not of the asker's course); 404 where existence must not leak: a story or a library
 *   standard the asker may not see (other course, other platform, another team's story) is "not
 *   found", whoever asks. Never 200 or a 303.
 * - Where a kind of asker is not an outsider for a route, the table says why (e.g. the library
 *   search is open to every launched user and filters what it lists; authors reach their own story
 *   from any course of the platform, `canSeeStory` rule 2); such GETs are still sent and must answer
 *   as the rightful actor would, without the scenario's hidden texts; such POSTs are not sent (they
 *   would rightly change the asker's own data).
 * - The positive control: the rightful actor gets 200 on every GET, and every POST route accepts
 *   (303, data changed) the same kind of body from its rightful actor.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { MongoClient, ObjectId } from 'mongodb';
import { asTeamTaskId, type TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { asStoryId } from '../../../../src/domain/story/story.js';
import { asLibraryStandardId } from '../../../../src/domain/library/library-standard.js';
import { asRetrospectiveId } from '../../../../src/domain/retrospective/retrospective.js';
import {
  launchSession,
  redirectPath,
  type LtiSession,
  type PageResponse,
} from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { launchFromOtherPlatform } from '../../../helpers/other-platform-session.js';
import { ratifyFirstTeamStandard } from '../../../helpers/ratified-standard.js';
import { startRoguePlatform, type RoguePlatform } from '../../../helpers/rogue-platform.js';

const NO_ROSTER_SYNC = { services: false } as const;
const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const IN_SCOPE = /^\/lti\/app\/(library(\/|$)|tasks\/:taskId\/(reflection|retrospective)(\/|$))/;

/** Titles and texts only the rightful readers may see. */
const SECRET = {
  teamStory: 'Matrix team-only story',
  courseStory: 'Matrix course story',
  submittedStory: 'Matrix submitted story',
  standard: 'Matrix course standard',
  reflection: 'Matrix private reflection',
  retro: 'Matrix retrospective notes',
} as const;

// ---------------------------------------------------------------------------------------------
// The routes the app registers, read from express's router stacks.

interface RouteLayer {
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
  readonly name: string;
  readonly handle: { readonly stack?: readonly RouteLayer[] };
  readonly regexp: RegExp & { readonly fast_slash?: boolean };
  readonly keys: readonly unknown[];
}

/** The path a `router.use(path, sub)` layer is mounted on ('' at the root). */
function mountPathOf(layer: RouteLayer): string {
  if (layer.regexp.fast_slash === true) return '';
  const match = /^\^(.*)\\\/\?\(\?=\\\/\|\$\)$/.exec(layer.regexp.source);
  if (match === null || layer.keys.length > 0)
    throw new Error(`cannot read the mount path of ${String(layer.regexp)}`);
  return match[1]!.replace(/\\\//g, '/');
}

function registeredRoutes(app: Express): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const walk = (stack: readonly RouteLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route !== undefined) {
        const paths: unknown[] = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== 'string') throw new Error(`route path is not a string: ${String(path)}`);
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on) routes.push({ method: method.toUpperCase(), path: prefix + path });
        }
      } else if (layer.name === 'router' && layer.handle.stack !== undefined) {
        walk(layer.handle.stack, prefix + mountPathOf(layer));
      }
    }
  };
  const root = (app as unknown as { _router: { stack: readonly RouteLayer[] } })._router;
  walk(root.stack, '');
  return routes;
}

// ---------------------------------------------------------------------------------------------
// Who asks.

const OUTSIDERS = [
  'otherTeam',
  'learner',
  'facilitator',
  'otherCourseLearner',
  'memberInOtherCourse',
  'otherCourseFacilitator',
  'otherPlatformLearner',
  'otherPlatformFacilitator',
  'none',
  'ltikWithoutCookie',
] as const;
type Outsider = (typeof OUTSIDERS)[number];
/** `courseReader`: a learner of course 1 in the other team (not an author of the stories). */
type Rightful = 'member' | 'facilitator' | 'courseReader';

/** A refusal status, or why this kind of asker is not an outsider for the route. */
type Expectation = 400 | 401 | 403 | 404 | { readonly notOutsider: string };

interface Client {
  get(path: string): Promise<PageResponse>;
  post(path: string, fields: Record<string, string>): Promise<PageResponse>;
}

interface Ids {
  readonly taskId: TeamTaskId;
  readonly teamStory: string;
  readonly courseStory: string;
  readonly submittedStory: string;
  readonly libraryId: string;
  readonly teamAId: string;
  readonly retroId: string;
  readonly actionId: string;
  readonly criterionField: string;
  readonly otherStandardId: string;
  readonly memberId: string;
}

interface Case {
  readonly label: string;
  readonly path: (ids: Ids) => string;
  /** A plausible valid body for POSTs, with current revisions. */
  readonly body?: (ids: Ids) => Promise<Record<string, string>>;
  readonly rightful: Rightful;
  /** What the rightful actor gets on a GET (200 unless told). */
  readonly okStatus?: number;
  readonly expect: Readonly<Record<Outsider, Expectation>>;
}

interface RouteEntry {
  readonly method: 'GET' | 'POST';
  readonly pattern: string;
  readonly cases: readonly Case[];
}

const sameCourse = (why: string) => ({ notOutsider: why });
const ANY_LAUNCHED = { notOutsider: 'open to every launched user; lists only what they may see' };
/** Visibility rule 2 (`canSeeStory`): authors reach their own story from any course of the platform. */
const AUTHOR = { notOutsider: 'an author reaches their own story from any course of the platform' };
const RIGHTFUL = { notOutsider: 'the rightful actor of this route' };
const OWN_WORK = { notOutsider: 'acts on the asker’s own reflection/team (the task resolves their own)' };

let running: RunningLtiTool;
const library = () => running.tool.library();
const storyRevision = async (id: string) =>
  String((await library().stories.findById(asStoryId(id)))!.revision);
const retroRevision = async (ids: Ids) =>
  String((await library().retrospectives.findById(asRetrospectiveId(ids.retroId)))!.revision);
const storyBody = async (id: string, visibility: string) => ({
  revision: await storyRevision(id),
  title: 'Rewritten by someone',
  narrative: 'Changed text',
  kind: 'success',
  criteria: 'Clarity',
  visibility,
});

const ROUTES: readonly RouteEntry[] = [
  {
    method: 'GET',
    pattern: '/lti/app/library',
    cases: [
      {
        label: 'search',
        path: () => '/lti/app/library',
        rightful: 'member',
        expect: {
          otherTeam: ANY_LAUNCHED,
          learner: ANY_LAUNCHED,
          facilitator: ANY_LAUNCHED,
          otherCourseLearner: ANY_LAUNCHED,
          memberInOtherCourse: ANY_LAUNCHED,
          otherCourseFacilitator: ANY_LAUNCHED,
          otherPlatformLearner: ANY_LAUNCHED,
          otherPlatformFacilitator: ANY_LAUNCHED,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'POST',
    pattern: '/lti/app/library/standards',
    cases: [
      {
        label: 'add a ratified version to the library',
        path: () => '/lti/app/library/standards',
        body: async (ids) => ({
          task: ids.taskId,
          standardId: ids.otherStandardId,
          version: '1',
          title: 'Team B standard',
          summary: '',
          visibility: 'platform',
        }),
        rightful: 'facilitator',
        expect: {
          otherTeam: 403,
          learner: 403,
          facilitator: RIGHTFUL,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'GET',
    pattern: '/lti/app/library/standards/:libraryId',
    cases: [
      {
        label: 'course-visible library standard',
        path: (ids) => `/lti/app/library/standards/${ids.libraryId}`,
        rightful: 'facilitator',
        expect: {
          otherTeam: sameCourse('course visibility: every reader of course 1'),
          learner: sameCourse('course visibility: every reader of course 1'),
          facilitator: sameCourse('course visibility: a facilitator of course 1'),
          otherCourseLearner: 404,
          memberInOtherCourse: 404,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  ...(['GET', 'POST'] as const).map((method): RouteEntry => ({
    method,
    pattern: '/lti/app/library/standards/:libraryId/withdraw',
    cases: [
      {
        label: 'withdraw the library standard',
        path: (ids) => `/lti/app/library/standards/${ids.libraryId}/withdraw`,
        ...(method === 'POST'
          ? {
              body: async (ids: Ids) => ({
                revision: String(
                  (await library().libraryStandards.findById(asLibraryStandardId(ids.libraryId)))!.revision,
                ),
              }),
            }
          : {}),
        rightful: 'facilitator',
        expect: {
          otherTeam: 403,
          learner: 403,
          facilitator: RIGHTFUL,
          otherCourseLearner: 404,
          memberInOtherCourse: 404,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  })),
  {
    method: 'GET',
    pattern: '/lti/app/library/curation',
    cases: [
      {
        label: 'curation queue',
        path: () => '/lti/app/library/curation',
        rightful: 'facilitator',
        expect: {
          otherTeam: 403,
          learner: 403,
          facilitator: RIGHTFUL,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: { notOutsider: 'a facilitator’s own queue; lists only their course' },
          otherPlatformLearner: 403,
          otherPlatformFacilitator: { notOutsider: 'a facilitator’s own queue; lists only their course' },
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'GET',
    pattern: '/lti/app/library/stories/new',
    cases: [
      {
        label: 'story form for the task',
        path: (ids) => `/lti/app/library/stories/new?task=${ids.taskId}`,
        rightful: 'member',
        expect: {
          otherTeam: sameCourse('a learner of the task writes about their own team'),
          learner: sameCourse('learners write stories'),
          facilitator: 403,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'POST',
    pattern: '/lti/app/library/stories',
    cases: [
      {
        label: 'write a story about the task',
        path: () => '/lti/app/library/stories',
        body: async (ids) => ({
          task: ids.taskId,
          title: 'Outsider story',
          narrative: 'Text',
          kind: 'success',
          criteria: 'Clarity',
          visibility: 'course',
        }),
        rightful: 'member',
        expect: {
          otherTeam: OWN_WORK,
          learner: OWN_WORK,
          facilitator: 403,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'GET',
    pattern: '/lti/app/library/stories/:storyId',
    cases: [
      {
        label: 'team-visible story',
        path: (ids) => `/lti/app/library/stories/${ids.teamStory}`,
        rightful: 'member',
        expect: {
          otherTeam: 404,
          learner: sameCourse('the learner is of the story’s team'),
          facilitator: sameCourse('a curator of the story’s course'),
          otherCourseLearner: 404,
          memberInOtherCourse: AUTHOR,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
      {
        label: 'course-visible story',
        path: (ids) => `/lti/app/library/stories/${ids.courseStory}`,
        rightful: 'member',
        expect: {
          otherTeam: sameCourse('course visibility'),
          learner: sameCourse('course visibility'),
          facilitator: sameCourse('course visibility'),
          otherCourseLearner: 404,
          memberInOtherCourse: AUTHOR,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
      {
        label: 'submitted story',
        path: (ids) => `/lti/app/library/stories/${ids.submittedStory}`,
        rightful: 'facilitator',
        expect: {
          otherTeam: 404,
          learner: sameCourse('the learner is one of its authors'),
          facilitator: RIGHTFUL,
          otherCourseLearner: 404,
          memberInOtherCourse: AUTHOR,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  ...(['GET', 'POST'] as const).map((method): RouteEntry => ({
    method,
    pattern: '/lti/app/library/stories/:storyId/edit',
    cases: (
      [
        ['submitted story', 'submittedStory', 'course'],
        ['team-visible story', 'teamStory', 'team'],
      ] as const
    ).map(([label, key, visibility]): Case => ({
      label,
      path: (ids) => `/lti/app/library/stories/${ids[key]}/edit`,
      ...(method === 'POST' ? { body: (ids: Ids) => storyBody(ids[key], visibility) } : {}),
      rightful: 'member',
      // A published story is no longer edited (409 for its authors); unpublished it is.
      ...(key === 'teamStory' ? { okStatus: 409 } : {}),
      expect: {
        otherTeam: 404,
        learner: sameCourse('the learner is one of its authors'),
        facilitator: 403,
        otherCourseLearner: 404,
        memberInOtherCourse: AUTHOR,
        otherCourseFacilitator: 404,
        otherPlatformLearner: 404,
        otherPlatformFacilitator: 404,
        none: 400,
        ltikWithoutCookie: 401,
      },
    })),
  })),
  {
    method: 'POST',
    pattern: '/lti/app/library/stories/:storyId/helpful',
    cases: [
      {
        label: 'mark the course-visible story helpful',
        path: (ids) => `/lti/app/library/stories/${ids.courseStory}/helpful`,
        body: async () => ({ helpful: '1' }),
        // Authors do not mark their own story; a reader of the course does.
        rightful: 'courseReader',
        expect: {
          otherTeam: sameCourse('course visibility'),
          learner: sameCourse('course visibility'),
          facilitator: sameCourse('a reader of the course (not an author) may mark it'),
          otherCourseLearner: 404,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
      {
        label: 'mark the team-visible story helpful',
        path: (ids) => `/lti/app/library/stories/${ids.teamStory}/helpful`,
        body: async () => ({ helpful: '1' }),
        rightful: 'member',
        expect: {
          otherTeam: 404,
          learner: sameCourse('the learner is of the story’s team'),
          facilitator: sameCourse('a curator of the story’s course may mark it'),
          otherCourseLearner: 404,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'POST',
    pattern: '/lti/app/library/stories/:storyId/change',
    cases: [
      {
        label: 'publish the submitted story',
        path: (ids) => `/lti/app/library/stories/${ids.submittedStory}/change`,
        body: async (ids) => ({ revision: await storyRevision(ids.submittedStory), action: 'publish' }),
        rightful: 'facilitator',
        expect: {
          otherTeam: 404,
          learner: 403,
          facilitator: RIGHTFUL,
          otherCourseLearner: 404,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
      {
        label: 'retract the course-visible story',
        path: (ids) => `/lti/app/library/stories/${ids.courseStory}/change`,
        body: async (ids) => ({ revision: await storyRevision(ids.courseStory), action: 'retract' }),
        rightful: 'member',
        expect: {
          otherTeam: 403,
          learner: sameCourse('the learner is one of its authors'),
          facilitator: 403,
          otherCourseLearner: 404,
          memberInOtherCourse: AUTHOR,
          otherCourseFacilitator: 404,
          otherPlatformLearner: 404,
          otherPlatformFacilitator: 404,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'GET',
    pattern: '/lti/app/tasks/:taskId/reflection',
    cases: [
      {
        label: 'reflection page',
        path: (ids) => `/lti/app/tasks/${ids.taskId}/reflection`,
        rightful: 'member',
        expect: {
          otherTeam: OWN_WORK,
          learner: OWN_WORK,
          facilitator: 403,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'POST',
    pattern: '/lti/app/tasks/:taskId/reflection',
    cases: [
      {
        label: 'save a reflection',
        path: (ids) => `/lti/app/tasks/${ids.taskId}/reflection`,
        body: async () => ({ happened: 'Outsider', means: 'Outsider', next: 'Outsider' }),
        rightful: 'member',
        expect: {
          otherTeam: OWN_WORK,
          learner: OWN_WORK,
          facilitator: 403,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'POST',
    pattern: '/lti/app/tasks/:taskId/reflection/share',
    cases: [
      {
        label: 'share a reflection',
        path: (ids) => `/lti/app/tasks/${ids.taskId}/reflection/share`,
        body: async () => ({ share: 'team' }),
        rightful: 'member',
        expect: {
          otherTeam: OWN_WORK,
          learner: OWN_WORK,
          facilitator: 404,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'GET',
    pattern: '/lti/app/tasks/:taskId/retrospective',
    cases: [
      {
        label: 'a team’s retrospective (facilitator view)',
        path: (ids) => `/lti/app/tasks/${ids.taskId}/retrospective?team=${ids.teamAId}`,
        rightful: 'facilitator',
        expect: {
          otherTeam: 403,
          learner: OWN_WORK,
          facilitator: RIGHTFUL,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  ...(
    [
      ['', async (ids: Ids) => ({ revision: await retroRevision(ids), wentWell: 'X', toImprove: 'Y' })],
      ['/ratings', async (ids: Ids) => ({ revision: await retroRevision(ids), [ids.criterionField]: '1' })],
      [
        '/actions',
        async (ids: Ids) => ({
          revision: await retroRevision(ids),
          text: 'Outsider action',
          owner: ids.memberId,
          due: '2099-01-01',
        }),
      ],
    ] as const
  ).map(([suffix, body]): RouteEntry => ({
    method: 'POST',
    pattern: `/lti/app/tasks/:taskId/retrospective${suffix}`,
    cases: [
      {
        label: `retrospective${suffix}`,
        path: (ids) => `/lti/app/tasks/${ids.taskId}/retrospective${suffix}`,
        body,
        rightful: 'member',
        expect: {
          otherTeam: OWN_WORK,
          learner: OWN_WORK,
          facilitator: 403,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  })),
  {
    method: 'POST',
    pattern: '/lti/app/tasks/:taskId/retrospective/facilitator-rating',
    cases: [
      {
        label: 'the facilitator rates team A',
        path: (ids) => `/lti/app/tasks/${ids.taskId}/retrospective/facilitator-rating`,
        body: async (ids) => ({
          revision: await retroRevision(ids),
          team: ids.teamAId,
          comment: 'Outsider comment',
          [ids.criterionField.replace(/^rating\./, 'level.')]: '1',
        }),
        rightful: 'facilitator',
        expect: {
          otherTeam: 403,
          learner: 403,
          facilitator: RIGHTFUL,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
  {
    method: 'POST',
    pattern: '/lti/app/tasks/:taskId/retrospective/actions/done',
    cases: [
      {
        label: 'tick off team A’s action',
        path: (ids) => `/lti/app/tasks/${ids.taskId}/retrospective/actions/done`,
        body: async (ids) => ({ retrospective: ids.retroId, action: ids.actionId, done: '1' }),
        rightful: 'member',
        expect: {
          otherTeam: 403,
          learner: { notOutsider: 'the learner is the action’s owner' },
          facilitator: 403,
          otherCourseLearner: 403,
          memberInOtherCourse: 403,
          otherCourseFacilitator: 403,
          otherPlatformLearner: 403,
          otherPlatformFacilitator: 403,
          none: 400,
          ltikWithoutCookie: 401,
        },
      },
    ],
  },
];

const withLtik = (path: string, ltik: string): string => {
  const url = new URL(path, 'http://x');
  url.searchParams.set('ltik', ltik);
  return url.pathname + url.search;
};

describe('authorisation matrix: reflection, retrospective, stories and the library', function () {
  this.timeout(180_000);
  let platform: RoguePlatform;
  let mongo: MongoClient;
  let ids: Ids;
  let clients: Record<Outsider | Rightful, Client>;

  const anonymous: Client = {
    get: async (path) => readPage(await fetch(new URL(path, running.url), { redirect: 'manual' })),
    post: async (path, fields) =>
      readPage(
        await fetch(new URL(path, running.url), {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        }),
      ),
  };
  /** A real ltik sent without its session cookie (as from another browser). */
  const withoutCookie = (ltik: string): Client => ({
    get: (path) => anonymous.get(withLtik(path, ltik)),
    post: (path, fields) => anonymous.post(withLtik(path, ltik), { ltik, ...fields }),
  });
  const readPage = async (res: Response): Promise<PageResponse> => ({
    status: res.status,
    location: res.headers.get('location'),
    body: await res.text(),
  });

  /** What a refused request must leave untouched (normalised JSON per collection). */
  const snapshot = async (): Promise<string> => {
    const db = mongo.db('teamloop');
    const parts: Record<string, unknown> = {};
    for (const name of ['stories', 'storyHelpfulMarks', 'libraryStandards', 'reflections', 'retrospectives'])
      parts[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    parts['xapiOutbox'] = await db.collection('xapiOutbox').countDocuments();
    return JSON.stringify(parts);
  };

  before(async () => {
    running = await startLtiTool();
    mongo = new MongoClient(running.started.databaseUri);
    await mongo.connect();
    platform = await startRoguePlatform();
    await running.tool.lti.registerPlatform(
      {
        issuer: platform.issuer,
        clientId: platform.clientId,
        deploymentIds: [platform.deploymentId],
        authUrl: `${platform.issuer}/auth`,
        tokenUrl: `${platform.issuer}/token`,
        jwksUrl: platform.jwksUrl,
        name: 'Other LMS',
      },
      'cli',
    );
    const learners = new Map<string, LtiSession>();
    for (const id of LEARNERS) learners.set(id, await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    const facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);

    // A course-1 task, two teams of two; team A ratifies its standard; the facilitator adds it
    // to the library with course visibility; then work and reflection.
    const created = await facilitator.post('/lti/app/tasks/new', {
      title: 'Matrix task',
      brief: '',
      outcome: 'A result',
      phases: ['standard-setting', 'work', 'reflection'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    expect(created.status).to.equal(303);
    const taskId = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    const formed = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, {
      mode: 'random',
      targetSize: '2',
    });
    expect(formed.status).to.equal(303);
    const move = async (to: string) => {
      const task = (await running.tool.teamwork().teamTasks.findById(taskId))!;
      const moved = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
        to,
        revision: String(task.revision),
      });
      expect(moved.status).to.equal(303);
    };
    await move('standard-setting');
    const standard = await ratifyFirstTeamStandard(running, taskId, [
      { name: 'Clarity', description: 'How clear it is.', points: 60 },
      { name: 'Evidence', description: 'How well backed.', points: 40 },
    ]);
    const otherStandard = await ratifyFirstTeamStandard(
      running,
      taskId,
      [
        { name: 'Pace', description: 'How steady.', points: 50 },
        { name: 'Care', description: 'How careful.', points: 50 },
      ],
      1,
    );
    const added = await facilitator.post('/lti/app/library/standards', {
      task: taskId,
      standardId: standard.standardId,
      version: '1',
      title: SECRET.standard,
      summary: '',
      visibility: 'course',
    });
    expect(added.status).to.equal(303);
    const libraryPage = (await facilitator.get('/lti/app/library')).body;
    const libraryId = /\/lti\/app\/library\/standards\/([A-Za-z0-9_-]+)\?/.exec(libraryPage)![1]!;
    await move('work');
    await move('reflection');

    const set = (await running.tool.teamwork().teamSets.findByTask(taskId))!;
    const [teamA, teamB] = set.teams as [(typeof set.teams)[number], (typeof set.teams)[number]];
    // Team members are the tool's user ids (people._id); sessions are keyed by the LMS subject.
    const subjectOf = async (userId: string): Promise<string> =>
      String(
        (await mongo
          .db('teamloop')
          .collection('people')
          .findOne({ _id: new ObjectId(userId) }))!['subject'],
      );
    const memberSubject = await subjectOf(teamA.members[0]!);
    const member = learners.get(memberSubject)!;
    const otherTeam = learners.get(await subjectOf(teamB.members[0]!))!;

    // A reflection; the team's retrospective with notes and an agreed action.
    expect(
      (
        await member.post(`/lti/app/tasks/${taskId}/reflection`, {
          happened: SECRET.reflection,
          means: 'm',
          next: 'n',
        })
      ).status,
    ).to.equal(303);
    const retroPage = await member.get(`/lti/app/tasks/${taskId}/retrospective`);
    expect(retroPage.status).to.equal(200);
    const criterionField = /name="(rating\.[A-Za-z0-9_-]+)"/.exec(retroPage.body)![1]!;
    const retro = (await library().retrospectives.findByTeam(taskId, teamA.id))!;
    expect(
      (
        await member.post(`/lti/app/tasks/${taskId}/retrospective`, {
          revision: String(retro.revision),
          wentWell: SECRET.retro,
          toImprove: 't',
        })
      ).status,
    ).to.equal(303);
    const agreed = await member.post(`/lti/app/tasks/${taskId}/retrospective/actions`, {
      revision: String((await library().retrospectives.findById(retro.id))!.revision),
      text: 'Start earlier',
      owner: teamA.members[0]!,
      due: '2099-01-01',
    });
    expect(agreed.status).to.equal(303);
    const withAction = (await library().retrospectives.findById(retro.id))!;

    // Stories: team-visible (published), course-visible (published), submitted (not curated).
    const write = async (title: string, visibility: string) => {
      const posted = await member.post('/lti/app/library/stories', {
        task: taskId,
        title,
        narrative: 'What we learned.',
        kind: 'lesson-learned',
        criteria: 'Clarity',
        visibility,
      });
      expect(posted.status).to.equal(303);
      return redirectPath(posted).split('/').at(-1)!;
    };
    const publish = async (id: string) => {
      const done = await facilitator.post(`/lti/app/library/stories/${id}/change`, {
        revision: await storyRevision(id),
        action: 'publish',
      });
      expect(done.status).to.equal(303);
    };
    const teamStory = await write(SECRET.teamStory, 'team');
    await publish(teamStory);
    const courseStory = await write(SECRET.courseStory, 'course');
    await publish(courseStory);
    const submittedStory = await write(SECRET.submittedStory, 'course');

    ids = {
      taskId,
      teamStory,
      courseStory,
      submittedStory,
      libraryId,
      teamAId: teamA.id,
      retroId: retro.id,
      actionId: withAction.actions[0]!.id,
      criterionField,
      otherStandardId: otherStandard.standardId,
      memberId: teamA.members[0]!,
    };
    clients = {
      member,
      facilitator,
      otherTeam,
      learner: member,
      otherCourseLearner: await launchSession(
        running,
        'demo-learner-5',
        OTHER_COURSE_PLACEMENT_ID,
        NO_ROSTER_SYNC,
      ),
      memberInOtherCourse: await launchSession(
        running,
        memberSubject,
        OTHER_COURSE_PLACEMENT_ID,
        NO_ROSTER_SYNC,
      ),
      otherCourseFacilitator: await launchSession(
        running,
        'demo-instructor',
        OTHER_COURSE_PLACEMENT_ID,
        NO_ROSTER_SYNC,
      ),
      otherPlatformLearner: await launchFromOtherPlatform(running, platform, memberSubject, 'Learner'),
      otherPlatformFacilitator: await launchFromOtherPlatform(
        running,
        platform,
        'demo-instructor',
        'Instructor',
      ),
      courseReader: otherTeam,
      none: anonymous,
      ltikWithoutCookie: withoutCookie(member.ltik),
    };
  });
  after(async () => {
    await mongo?.close();
    await platform?.close();
    await running?.stop();
  });

  const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

  it('has one table entry for every registered route in scope, and no entry without a route', () => {
    const registered = registeredRoutes(running.tool.app).filter((r) => IN_SCOPE.test(r.path));
    const inTable = ROUTES.map((r) => key({ method: r.method, path: r.pattern }));
    expect(registered.length, 'routes found in the router stacks').to.be.greaterThan(10);
    expect(new Set(inTable).size, 'no duplicate table entries').to.equal(inTable.length);
    expect(
      registered.map(key).filter((k) => !inTable.includes(k)),
      'routes without a table entry',
    ).to.deep.equal([]);
    expect(
      inTable.filter((k) => !registered.map(key).includes(k)),
      'table entries without a route',
    ).to.deep.equal([]);
  });

  it('refuses every outsider on every route and changes nothing', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of ROUTES) {
      for (const c of route.cases) {
        for (const outsider of OUTSIDERS) {
          const expected = c.expect[outsider];
          const client = clients[outsider];
          const path = c.path(ids);
          const where = `${route.method} ${route.pattern} [${c.label}] as ${outsider}`;
          if (typeof expected !== 'number') {
            if (route.method === 'POST') continue; // their own data: a change would be rightful
            const page = await client.get(path);
            const shown = Object.values(SECRET).filter(
              (s) => page.body.includes(s) && !mayShow(c, outsider, s),
            );
            if (page.status !== (c.okStatus ?? 200) || shown.length > 0)
              wrong.push(`${where}: ${page.status}, shows ${shown.join(', ') || 'nothing hidden'}`);
            continue;
          }
          const before = await snapshot();
          const response =
            route.method === 'GET' ? await client.get(path) : await client.post(path, await c.body!(ids));
          const after = await snapshot();
          checked += 1;
          if (response.status !== expected)
            wrong.push(`${where}: expected ${expected}, got ${response.status}`);
          if (after !== before) wrong.push(`${where}: changed the data`);
          const leaked = Object.values(SECRET).filter((s) => response.body.includes(s));
          if (leaked.length > 0) wrong.push(`${where}: shows ${leaked.join(', ')}`);
        }
      }
    }
    expect(wrong).to.deep.equal([]);
    // Every refusal in the table was sent (today 22 routes, 28 cases × 10 kinds of asker: 217).
    const refusals = ROUTES.flatMap((r) => r.cases).flatMap((c) =>
      Object.values(c.expect).filter((e) => typeof e === 'number'),
    );
    expect(checked).to.equal(refusals.length).and.be.greaterThan(150);
  });

  it('lets the rightful actor GET every page (200)', async () => {
    for (const route of ROUTES.filter((r) => r.method === 'GET')) {
      for (const c of route.cases) {
        const page = await clients[c.rightful].get(c.path(ids));
        expect(page.status, `${route.pattern} [${c.label}]`).to.equal(c.okStatus ?? 200);
      }
    }
  });

  it('accepts the same kind of body from the rightful actor on every POST route (303)', async () => {
    for (const route of ROUTES.filter((r) => r.method === 'POST')) {
      const c = route.cases[0]!;
      const before = await snapshot();
      const done = await clients[c.rightful].post(c.path(ids), await c.body!(ids));
      expect(done.status, `${route.pattern} [${c.label}]: ${done.body.slice(0, 200)}`).to.equal(303);
      expect(await snapshot(), `${route.pattern} changed something`).not.to.equal(before);
    }
  });
});

/** Which hidden texts a not-outsider may legitimately see on a page. */
function mayShow(c: Case, outsider: Outsider, secret: string): boolean {
  const stories: string[] = [SECRET.teamStory, SECRET.courseStory, SECRET.submittedStory];
  // The member (an author of every story) also in "my stories" when launched from the other course.
  if (stories.includes(secret) && (outsider === 'learner' || outsider === 'memberInOtherCourse')) return true;
  // The course's facilitator curates every story and reads the team's retrospective.
  if (outsider === 'facilitator') return secret !== SECRET.reflection;
  const readerOfCourse1 = outsider === 'otherTeam' || outsider === 'learner';
  if (secret === SECRET.courseStory || secret === SECRET.standard) return readerOfCourse1;
  if (secret === SECRET.reflection) return outsider === 'learner';
  if (secret === SECRET.retro) return outsider === 'learner' && c.label.includes('retrospective');
  return false;
}
