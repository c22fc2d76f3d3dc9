import { expect } from 'chai';
import { REDACTED, redactUrl } from '../../src/logger.js';
import { createMemoryLog } from '../helpers/memory-log.js';

describe('createLogger', () => {
  it('writes one JSON line per event with the fields first and a message', () => {
    const log = createMemoryLog();
    log.logger.child({ module: 'xapi-outbox' }).warn({ attempt: 2 }, 'lrs delivery failed');
    const [line] = log.lines();
    expect(line).to.include({ level: 40, module: 'xapi-outbox', attempt: 2, msg: 'lrs delivery failed' });
  });

  it('redacts credentials and personal data wherever they appear in a log line', () => {
    const log = createMemoryLog();
    log.logger.info(
      {
        req: { headers: { authorization: 'Bearer abc', cookie: 'ltiaas=1' } },
        launch: {
          ltik: 'eyJltik',
          id_token: 'eyJid',
          user: { name: 'Ada Lovelace', email: 'ada@example.org' },
        },
        claims: { given_name: 'Ada', family_name: 'Lovelace' },
        password: 'hunter2',
        lrs: { password: 'lrs-secret' },
        platform: { privateKey: '-----BEGIN PRIVATE KEY-----' },
        courseId: 'course-42',
      },
      'launch',
    );
    const text = log.text();
    for (const secret of [
      'Bearer abc',
      'ltiaas=1',
      'eyJltik',
      'eyJid',
      'Ada',
      'ada@example.org',
      'hunter2',
      'lrs-secret',
      'BEGIN PRIVATE',
    ]) {
      expect(text).not.to.contain(secret);
    }
    expect(text).to.contain('course-42');
    expect(text).to.contain(REDACTED);
  });
});

describe('redactUrl', () => {
  it('hides the ltik and other tokens in a query string and keeps the rest', () => {
    expect(redactUrl('/tasks/1?ltik=eyJabc.def&view=all')).to.equal(`/tasks/1?ltik=${REDACTED}&view=all`);
    expect(redactUrl('/login?state=s1&id_token=t1')).to.equal(
      `/login?state=${REDACTED}&id_token=${REDACTED}`,
    );
    expect(redactUrl('/health/live')).to.equal('/health/live');
  });
});
