import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { ActorPseudonymizer, type XapiContext } from '../../../src/xapi/xapi-context.js';
import * as build from '../../../src/xapi/statements/index.js';
import { sampleContext, sampleStatements, SAMPLE_SECRET } from '../../fixtures/xapi/sample-events.js';
import { xapiProblems } from '../../helpers/xapi-validate.js';

const GOLDEN_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'xapi');
const TOOL = 'https://teamloop.example.org';
const LTI_EXT = `${TOOL}/xapi/extensions/lti`;
const LENGTH_EXT = `${TOOL}/xapi/extensions/text-length`;

describe('xAPI statement builders', () => {
  const samples = sampleStatements();

  it('cover every event of the issue', () => {
    expect(Object.keys(samples)).to.have.members([
      'launched',
      'criterion-proposed',
      'criterion-edited',
      'criterion-withdrawn',
      'commented',
      'objection-raised',
      'weights-given',
      'standard-agreed',
      'standard-ratified',
      'standard-adopted',
      'work-submitted',
      'review-completed',
      'criterion-rated',
      'helpfulness-rated',
      'reflection-written',
      'retrospective-held',
      'retrospective-criterion-rated',
      'story-authored',
      'story-shared',
      'story-published',
      'story-viewed',
      'story-marked-helpful',
    ]);
  });

  for (const [name, statement] of Object.entries(samples)) {
    describe(name, () => {
      it('is valid xAPI 1.0.3 for @learninglocker/xapi-validation', () => {
        expect(xapiProblems(statement)).to.deep.equal([]);
      });

      it(`matches its golden JSON (test/fixtures/xapi/${name}.json)`, () => {
        const file = path.join(GOLDEN_DIR, `${name}.json`);
        const actual = `${JSON.stringify(statement, null, 2)}\n`;
        if (!existsSync(file)) {
          writeFileSync(file, actual);
          expect.fail(`golden ${file} did not exist: written now; review it and run again`);
        }
        expect(JSON.parse(actual)).to.deep.equal(JSON.parse(readFileSync(file, 'utf8')));
      });
    });
  }

  it('gives the same event the same statement id and other events other ids', () => {
    const again = sampleStatements();
    const ids = Object.values(samples).map((s) => s.id);
    expect(Object.values(again).map((s) => s.id)).to.deep.equal(ids);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('takes the timestamp from the event, not from a clock', () => {
    expect(samples['criterion-proposed']!.timestamp).to.equal('2026-11-27T09:01:00.000Z');
  });

  describe('identity', () => {
    it('sends a pseudonymous account by default: no name, no e-mail, no LMS subject', () => {
      const actor = samples['criterion-proposed']!.actor;
      expect(actor).to.have.keys(['objectType', 'account']);
      expect(actor.account!.homePage).to.equal(`${TOOL}/`);
      const serialised = JSON.stringify(samples);
      expect(serialised).not.to.contain('sub-alice');
      expect(serialised).not.to.contain('alice@example.edu');
      expect(serialised).not.to.contain('sub-bob');
    });

    it('keeps the pseudonym stable per person and platform, and unlinkable across platforms and secrets', () => {
      const p = new ActorPseudonymizer(SAMPLE_SECRET);
      expect(p.pseudonym('https://lms.example.edu', 'sub-alice')).to.equal(
        p.pseudonym('https://lms.example.edu', 'sub-alice'),
      );
      expect(p.pseudonym('https://lms.example.edu', 'sub-alice')).not.to.equal(
        p.pseudonym('https://other-lms.example.edu', 'sub-alice'),
      );
      expect(
        new ActorPseudonymizer('x'.repeat(32)).pseudonym('https://lms.example.edu', 'sub-alice'),
      ).not.to.equal(p.pseudonym('https://lms.example.edu', 'sub-alice'));
      expect(JSON.stringify({ p })).not.to.contain(SAMPLE_SECRET);
    });

    it('sends the LMS subject when the platform chose lti-sub', () => {
      const { context, person } = sampleContext({
        privacy: { identity: 'lti-sub', sendFreeText: false, freeTextLimit: 100 },
      });
      const s = build.standardAgreed(context, {
        eventId: 'e',
        occurredAt: new Date(0),
        person,
        standard: { id: 's', version: 1 },
      });
      expect(s.actor).to.deep.equal({
        objectType: 'Agent',
        account: { homePage: 'https://lms.example.edu', name: 'sub-alice' },
      });
      expect(xapiProblems(s)).to.deep.equal([]);
    });

    it('sends the e-mail when the platform chose email, and the pseudonym when there is none', () => {
      const { context, person } = sampleContext({
        privacy: { identity: 'email', sendFreeText: false, freeTextLimit: 100 },
      });
      const facts = { eventId: 'e', occurredAt: new Date(0), standard: { id: 's', version: 1 } };
      expect(build.standardAgreed(context, { ...facts, person }).actor).to.deep.equal({
        objectType: 'Agent',
        mbox: 'mailto:alice@example.edu',
      });
      const noMail = build.standardAgreed(context, { ...facts, person: { id: 'sub-carol' } }).actor;
      expect(noMail.account?.homePage).to.equal(`${TOOL}/`);
    });
  });

  describe('teams', () => {
    it('puts the team in context.team as an Identified Group for member statements', () => {
      expect(samples['criterion-proposed']!.context.team).to.deep.equal({
        objectType: 'Group',
        name: 'Team 7',
        account: { homePage: `${TOOL}/teams/`, name: 'team-0c3e' },
      });
    });

    it('makes the team the actor of ratification and retrospective, without context.team', () => {
      for (const name of ['standard-ratified', 'retrospective-held', 'standard-adopted', 'work-submitted']) {
        const s = samples[name]!;
        expect(s.actor, name).to.deep.include({ objectType: 'Group' });
        expect(s.context.team, name).to.equal(undefined);
      }
    });

    it('refuses a team statement without a team', () => {
      const { context } = sampleContext();
      const noTeam: XapiContext = { ...context, team: undefined };
      expect(() =>
        build.standardRatified(noTeam, {
          eventId: 'e',
          occurredAt: new Date(0),
          standard: { id: 's', version: 1 },
        }),
      ).to.throw(/needs a team/);
    });
  });

  describe('context from LTI', () => {
    it('places the placement as parent, the course in grouping, our profile version in category', () => {
      const ca = samples['criterion-proposed']!.context.contextActivities!;
      expect(ca.parent!.map((a) => a.id)).to.deep.equal([
        `${TOOL}/xapi/activities/lti-link/https%3A%2F%2Flms.example.edu/rl-456`,
      ]);
      expect(ca.grouping!.map((a) => a.id)).to.deep.equal([
        `${TOOL}/xapi/activities/lti-context/https%3A%2F%2Flms.example.edu/course-123`,
      ]);
      expect(ca.category!.map((a) => a.id)).to.deep.equal([`${TOOL}/xapi/profile/v1.0.0`]);
    });

    it('carries the raw LTI ids in one context extension and the registration of the task cycle', () => {
      const s = samples['commented']!;
      expect(s.context.extensions).to.deep.equal({
        [LTI_EXT]: {
          iss: 'https://lms.example.edu',
          clientId: 'client-42',
          deploymentId: 'dep-1',
          contextId: 'course-123',
          resourceLinkId: 'rl-456',
        },
      });
      expect(s.context.registration).to.match(/^[0-9a-f-]{36}$/);
      expect(sampleContext({ registrationCycle: 2 }).context.registration).not.to.equal(
        s.context.registration,
      );
      expect(s.context.language).to.equal('nl-NL');
    });

    it('rates a criterion as a likert interaction under the submission, pointing at the review statement', () => {
      const rated = samples['criterion-rated']!;
      expect(rated.object.definition).to.include({ interactionType: 'likert' });
      expect(rated.result).to.deep.include({ response: 'level-3' });
      expect(rated.result!.score).to.deep.equal({ raw: 3, min: 1, max: 4, scaled: 0.6667 });
      expect(rated.context.statement).to.deep.equal({
        objectType: 'StatementRef',
        id: samples['review-completed']!.id,
      });
      expect(samples['helpfulness-rated']!.context.statement!.id).to.equal(samples['review-completed']!.id);
      expect(rated.context.contextActivities!.parent![0]!.id).to.equal(
        `${TOOL}/xapi/activities/submission/sub-0b9e`,
      );
    });
  });

  describe('free text', () => {
    it('is not sent by default; its length is', () => {
      const s = samples['commented']!;
      expect(s.result).to.deep.equal({ extensions: { [LENGTH_EXT]: 52 } });
      expect(JSON.stringify(samples)).not.to.contain('new colleague');
      expect(samples['story-authored']!.object.definition).not.to.have.property('name');
    });

    it('is sent, capped to the limit, when the platform opts in', () => {
      const { context, person } = sampleContext({
        privacy: { identity: 'pseudonymous', sendFreeText: true, freeTextLimit: 10 },
      });
      const target = { kind: 'submission', id: 'x' } as const;
      const facts = { eventId: 'e', occurredAt: new Date(0), person, target };
      const short = build.commented(context, { ...facts, text: 'Nice work' });
      expect(short.result!.response).to.equal('Nice work');
      const long = build.commented(context, { ...facts, text: 'Great work 👍 on every screen' });
      expect(long.result!.response).to.equal('Great work');
      expect(long.result!.extensions).to.deep.equal({
        [LENGTH_EXT]: 28,
        [`${TOOL}/xapi/extensions/text-truncated`]: true,
      });
      expect(xapiProblems(long)).to.deep.equal([]);
    });
  });
});
