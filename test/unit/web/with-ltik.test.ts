import { expect } from 'chai';
import { isInternalPath, withLtik } from '../../../src/web/launch/with-ltik.js';

describe('withLtik (links and redirects keep the LTI session, never leave the tool)', () => {
  it('adds the ltik to an internal path, keeping its query and fragment', () => {
    expect(withLtik('/lti/app/course?tab=2#top', 'abc.def')).to.equal(
      '/lti/app/course?tab=2&ltik=abc.def#top',
    );
  });
  it('replaces an ltik already in the path', () => {
    expect(withLtik('/lti/app/course?ltik=old', 'new')).to.equal('/lti/app/course?ltik=new');
  });
  it('refuses anything that could leave the tool', () => {
    for (const path of [
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'lti/app',
      '/x\r\nLocation: y',
    ]) {
      expect(isInternalPath(path), path).to.equal(false);
      expect(() => withLtik(path, 'x'), path).to.throw(TypeError);
    }
  });
});
