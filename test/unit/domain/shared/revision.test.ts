import { expect } from 'chai';
import { VersionConflictError } from '../../../../src/domain/shared/errors.js';
import { assertRevision } from '../../../../src/domain/shared/revision.js';
import { thrown } from '../../../fixtures/domain/builders.js';

describe('assertRevision', () => {
  it('passes when the form was rendered from the current revision', () => {
    expect(() => assertRevision({ id: 'std-1', revision: 4 }, 4, 'standard')).to.not.throw();
  });

  it('reports what was expected and what is current when someone changed it in between', () => {
    const err = thrown(
      () => assertRevision({ id: 'std-1', revision: 5 }, 4, 'standard'),
      VersionConflictError,
    );
    expect(err.details).to.deep.equal({ entity: 'standard', id: 'std-1', expected: 4, actual: 5 });
  });
});
