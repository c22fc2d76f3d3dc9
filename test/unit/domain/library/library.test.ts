import { expect } from 'chai';
import { toLibraryLookup } from '../../../../src/domain/library/library-query.js';
import {
  addStandardToLibrary,
  asLibraryStandardId,
  canOpenLibraryStandard,
  canSeeLibraryStandard,
  libraryStandardCriterionKeys,
  mayWithdrawLibraryStandard,
  startFromLibraryStandard,
  withdrawLibraryStandard,
} from '../../../../src/domain/library/library-standard.js';
import {
  criterionKey,
  MAX_TERMS,
  queryTerms,
  storyTerms,
  wordsOf,
} from '../../../../src/domain/library/search-terms.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import {
  asCourseId,
  asCriterionId,
  asStandardId,
  asTeamId,
  asTeamTaskId,
  asUserId,
} from '../../../../src/domain/shared/ids.js';
import { tenantKeyOf } from '../../../../src/domain/shared/tenant.js';
import type { StandardVersion } from '../../../../src/domain/standard/standard-version.js';
import { ann, at, facilitator, learner, thrown } from '../../../fixtures/domain/builders.js';

describe('library search terms', () => {
  it('normalises case and diacritics and drops stop words (English and Dutch: één = een)', () => {
    expect(wordsOf('Één Café, and THE coöperation!')).to.deep.equal(['cafe', 'cooperation']);
    expect(wordsOf('Ólafur')).to.deep.equal(['olafur']);
  });

  it('finds a story by title words and their prefixes, and by narrative words', () => {
    const terms = storyTerms({
      title: 'Collaboration wins',
      narrative: 'Daily standups helped; standups kept focus.',
      criteria: [{ name: 'Clear communication' }],
    });
    for (const t of [
      'collaboration',
      'collab',
      'col',
      'wins',
      'communication',
      'commun',
      'standups',
      'focus',
    ]) {
      expect(terms, t).to.include(t);
    }
    expect(terms).to.not.include('co');
    expect(terms).to.not.include('stand');
  });

  it('keeps at most MAX_TERMS, title and criteria first, then the most frequent narrative words', () => {
    const narrative = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ') + ' word150 word150';
    const terms = storyTerms({ title: 'Retro', narrative, criteria: [] });
    expect(terms).to.have.length(MAX_TERMS);
    expect(terms.slice(0, 3)).to.deep.equal(['retro', 'retr', 'ret']);
    expect(terms[3]).to.equal('word150');
  });

  it('turns a query into distinct words, longest first', () => {
    expect(queryTerms('the review Review checklist')).to.deep.equal(['checklist', 'review']);
  });

  it('criterion keys ignore case, accents and punctuation', () => {
    expect(criterionKey(' Clear-Communication ')).to.equal(criterionKey('clear communication'));
  });

  it('maps recency to a cut-off date and refuses bad input', () => {
    const now = at(0);
    const lookup = toLibraryLookup({ text: 'Checklist', recency: 'week', kind: 'success' }, now);
    expect(lookup.terms).to.deep.equal(['checklist']);
    expect(lookup.since?.getTime()).to.equal(now.getTime() - 7 * 86_400_000);
    expect(lookup.limit).to.equal(20);
    const err = thrown(
      () => toLibraryLookup({ kind: 'poem' as never, recency: 'decade' as never, limit: 500 }, now),
      InvalidInputError,
    );
    expect(err.issues.map((i) => i.field)).to.deep.equal(['kind', 'recency', 'limit']);
  });
});

describe('standards in the library', () => {
  const tenant = tenantKeyOf({ issuer: 'https://canvas.example', clientId: '10000000000001' });
  const course = asCourseId('course-1');
  const version: StandardVersion = {
    standardId: asStandardId('std-1'),
    version: 2,
    taskId: asTeamTaskId('task-1'),
    teamId: asTeamId('team-1'),
    criteria: [
      { id: asCriterionId('c1'), name: 'Clarity', description: 'd', levels: [], weight: 0.6 },
      { id: asCriterionId('c2'), name: 'Evidence', description: 'd', levels: [], weight: 0.4 },
    ],
    consensusRule: 'consent',
    agreedBy: [ann],
    ratifiedAt: at(5),
    overruledObjections: [],
    agreement: 0.82,
    provenance: { source: { standardId: asStandardId('std-0'), version: 1 }, copiedBy: ann, copiedAt: at(0) },
  };
  const add = (visibility: 'course' | 'platform' = 'platform') =>
    addStandardToLibrary(
      {
        id: asLibraryStandardId('lib-1'),
        tenant,
        version,
        versionCourseId: course,
        title: ' Report standard ',
        summary: '',
        visibility,
      },
      { actor: facilitator, courseId: course },
      at(10),
    );

  it('keeps provenance: origin, lineage, agreement; adoption starts at zero', () => {
    const entry = add();
    expect(entry.title).to.equal('Report standard');
    expect(entry.origin).to.deep.equal({
      courseId: course,
      taskId: 'task-1',
      teamId: 'team-1',
      ratifiedAt: at(5),
      copiedFrom: { standardId: 'std-0', version: 1 },
    });
    expect(entry.agreement).to.equal(0.82);
    expect(entry.adoptionCount).to.equal(0);
    expect(libraryStandardCriterionKeys(entry)).to.deep.equal(['clarity', 'evidence']);
  });

  it('only a facilitator of the origin course adds it', () => {
    expect(() =>
      addStandardToLibrary(
        {
          id: asLibraryStandardId('x'),
          tenant,
          version,
          versionCourseId: course,
          title: 't',
          summary: '',
          visibility: 'course',
        },
        { actor: facilitator, courseId: asCourseId('course-2') },
        at(1),
      ),
    ).to.throw(NotPermittedError);
  });

  it('"start from this standard" gives a library starting point, within the tenant only', () => {
    const entry = add();
    const other = { tenant, courseId: asCourseId('course-2'), actor: facilitator };
    expect(startFromLibraryStandard(entry, other)).to.deep.equal({
      kind: 'library',
      source: { standardId: 'std-1', version: 2 },
    });
    const foreign = { ...other, tenant: tenantKeyOf({ issuer: 'https://canvas.example', clientId: '2' }) };
    expect(() => startFromLibraryStandard(entry, foreign)).to.throw(NotPermittedError);
    expect(() => startFromLibraryStandard(entry, { ...other, actor: learner(asUserId('x')) })).to.throw(
      NotPermittedError,
    );
    expect(canSeeLibraryStandard(add('course'), other)).to.equal(false);
    expect(canSeeLibraryStandard(add('course'), { tenant, courseId: course })).to.equal(true);
  });

  it('withdrawn entries are no longer visible', () => {
    const w = withdrawLibraryStandard(add(), { actor: facilitator, tenant, courseId: course }, at(11));
    expect(canSeeLibraryStandard(w, { tenant, courseId: course })).to.equal(false);
  });

  describe('withdrawing', () => {
    const otherCourse = asCourseId('course-2');
    const colleague = { userId: asUserId('fac-2'), role: 'facilitator' as const };
    const foreignTenant = tenantKeyOf({ issuer: 'https://canvas.example', clientId: '2' });

    it('the facilitator who added it may, from any course of the tenant; the revision goes up', () => {
      const entry = add();
      expect(entry.revision).to.equal(1);
      const w = withdrawLibraryStandard(entry, { actor: facilitator, tenant, courseId: otherCourse }, at(11));
      expect(w.withdrawn).to.deep.equal({ by: facilitator.userId, at: at(11) });
      expect(w.revision).to.equal(2);
      expect(entry.withdrawn).to.equal(undefined);
    });

    it('another facilitator of the origin course may; one of another course may not', () => {
      expect(mayWithdrawLibraryStandard(add(), { actor: colleague, tenant, courseId: course })).to.equal(
        true,
      );
      expect(mayWithdrawLibraryStandard(add(), { actor: colleague, tenant, courseId: otherCourse })).to.equal(
        false,
      );
      expect(() =>
        withdrawLibraryStandard(add(), { actor: colleague, tenant, courseId: otherCourse }, at(11)),
      ).to.throw(NotPermittedError);
    });

    it("learners (even the adder's id as a learner) and other tenants may not", () => {
      const asLearner = { userId: facilitator.userId, role: 'learner' as const };
      expect(mayWithdrawLibraryStandard(add(), { actor: asLearner, tenant, courseId: course })).to.equal(
        false,
      );
      expect(
        mayWithdrawLibraryStandard(add(), { actor: facilitator, tenant: foreignTenant, courseId: course }),
      ).to.equal(false);
      expect(() =>
        withdrawLibraryStandard(
          add(),
          { actor: facilitator, tenant: foreignTenant, courseId: course },
          at(11),
        ),
      ).to.throw(NotPermittedError);
    });

    it('twice is a conflict', () => {
      const w = withdrawLibraryStandard(add(), { actor: facilitator, tenant, courseId: course }, at(11));
      expect(() =>
        withdrawLibraryStandard(w, { actor: facilitator, tenant, courseId: course }, at(12)),
      ).to.throw(PhaseConflictError);
    });

    it('a withdrawn page opens only for those who could withdraw it; a listed one for all who see it', () => {
      const listed = add('platform');
      const reader = { actor: learner(asUserId('x')), tenant, courseId: otherCourse };
      expect(canOpenLibraryStandard(listed, reader)).to.equal(true);
      expect(canOpenLibraryStandard(listed, { ...reader, tenant: foreignTenant })).to.equal(false);
      const w = withdrawLibraryStandard(listed, { actor: facilitator, tenant, courseId: course }, at(11));
      expect(canOpenLibraryStandard(w, reader)).to.equal(false);
      expect(canOpenLibraryStandard(w, { actor: colleague, tenant, courseId: otherCourse })).to.equal(false);
      expect(canOpenLibraryStandard(w, { actor: colleague, tenant, courseId: course })).to.equal(true);
      expect(canOpenLibraryStandard(w, { actor: facilitator, tenant, courseId: otherCourse })).to.equal(true);
      expect(() => startFromLibraryStandard(w, { actor: facilitator, tenant, courseId: course })).to.throw(
        NotPermittedError,
      );
    });
  });
});

describe('tenant key', () => {
  it('separates registrations of one issuer and cannot be forged by joining parts', () => {
    const a = tenantKeyOf({ issuer: 'https://lms.example', clientId: 'a b' });
    const b = tenantKeyOf({ issuer: 'https://lms.example a', clientId: 'b' });
    expect(a).to.not.equal(b);
    expect(tenantKeyOf({ issuer: 'i', clientId: '1' })).to.not.equal(
      tenantKeyOf({ issuer: 'i', clientId: '2' }),
    );
  });
});
