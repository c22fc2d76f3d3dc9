import { expect } from 'chai';
import { mapLtiRoles, shortRoleName } from '../../../../src/domain/lti/roles.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
const noViewers = { viewerRoles: [] };

describe('mapLtiRoles', () => {
  it('makes instructor-like roles facilitators, as full LIS URIs and as short names', () => {
    for (const role of [
      `${LIS}membership#Instructor`,
      `${LIS}membership/Instructor#TeachingAssistant`,
      `${LIS}membership#ContentDeveloper`,
      `${LIS}membership#Administrator`,
      `${LIS}institution/person#Administrator`,
      'Instructor',
      'TeachingAssistant',
    ]) {
      expect(mapLtiRoles([role], noViewers), role).to.deep.equal(['facilitator']);
    }
  });

  it('makes Learner a learner, as a URI and as a short name', () => {
    expect(mapLtiRoles([`${LIS}membership#Learner`], noViewers)).to.deep.equal(['learner']);
    expect(mapLtiRoles(['Learner'], noViewers)).to.deep.equal(['learner']);
  });

  it('lists the strongest role first when a person has several', () => {
    expect(mapLtiRoles([`${LIS}membership#Learner`, `${LIS}membership#Instructor`], noViewers)).to.deep.equal(
      ['facilitator', 'learner'],
    );
  });

  it('makes the configured L&D viewer role a viewer, matched by URI or short name', () => {
    const options = { viewerRoles: [`${LIS}institution/person#Observer`] };
    expect(mapLtiRoles([`${LIS}institution/person#Observer`], options)).to.deep.equal(['viewer']);
    expect(mapLtiRoles(['Observer'], options)).to.deep.equal(['viewer']);
    expect(mapLtiRoles(['Observer'], noViewers)).to.deep.equal([]);
  });

  it('gives no role for guests, unknown vocabularies or nothing at all', () => {
    expect(mapLtiRoles([`${LIS}membership#Guest`], noViewers)).to.deep.equal([]);
    expect(mapLtiRoles(['urn:lti:role:ims/lis/Instructor/../Learner#x y'], noViewers)).to.deep.equal([]);
    expect(mapLtiRoles([], noViewers)).to.deep.equal([]);
  });
});

describe('shortRoleName', () => {
  it('takes the sub-role of a sub-role URI', () => {
    expect(shortRoleName(`${LIS}membership/Instructor#TeachingAssistant`)).to.equal('TeachingAssistant');
  });
  it('returns undefined for other vocabularies', () => {
    expect(shortRoleName('https://example.org/roles#Instructor')).to.equal(undefined);
  });
});
