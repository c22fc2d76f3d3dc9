import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY = 'k'.repeat(32);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('starts with nothing configured: port 3000, local URL, ./data, embedded database, demo platform on', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.publicUrl).to.equal('http://localhost:3000');
    expect(config.dataDir).to.equal(path.resolve('data'));
    expect(config.mongodbUri).to.equal(undefined);
    expect(config.mongodbDbName).to.equal('teamloop');
    expect(config.ltiEncryptionKey).to.equal(undefined);
    expect(config.demoPlatform).to.equal(true);
    expect(config.nodeEnv).to.equal('development');
    expect(config.logLevel).to.equal('info');
    expect(config.lrs).to.equal(undefined);
    expect(config.frameAncestors).to.deep.equal([]);
  });

  it('derives the default public URL from PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).to.equal('http://localhost:8080');
  });

  it('drops a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://teamloop.example.org/' }).publicUrl).to.equal(
      'https://teamloop.example.org',
    );
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ FRAME_ANCESTORS: 'https://lms.example.edu' });
    expect(Object.isFrozen(config)).to.equal(true);
    expect(Object.isFrozen(config.frameAncestors)).to.equal(true);
  });

  it('treats empty variables as unset, as compose files often pass them', () => {
    const config = loadConfig({ PORT: '', MONGODB_URI: '', LOG_LEVEL: '' });
    expect(config.port).to.equal(3000);
    expect(config.mongodbUri).to.equal(undefined);
    expect(config.logLevel).to.equal('info');
  });

  it('takes the database name from MONGODB_URI when it has one', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/courses?replicaSet=rs0' }).mongodbDbName).to.equal(
      'courses',
    );
    expect(
      loadConfig({ MONGODB_URI: 'mongodb+srv://u:p@cluster0.example.net/?retryWrites=true' }).mongodbDbName,
    ).to.equal('teamloop');
  });

  it('turns the demo platform off by default in production and on when asked', () => {
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db/teamloop',
      LTI_ENCRYPTION_KEY: KEY,
      XAPI_ACTOR_SECRET: KEY,
    };
    expect(loadConfig(production).demoPlatform).to.equal(false);
    expect(loadConfig({ ...production, DEMO_PLATFORM: 'on' }).demoPlatform).to.equal(true);
    expect(loadConfig({ DEMO_PLATFORM: 'off' }).demoPlatform).to.equal(false);
  });

  it('refuses production without MONGODB_URI, so the embedded database never runs there', () => {
    const err = configError({ NODE_ENV: 'production', LTI_ENCRYPTION_KEY: KEY, XAPI_ACTOR_SECRET: KEY });
    expect(err.issues.map((i) => i.variable)).to.deep.equal(['MONGODB_URI']);
    expect(err.issues[0]!.message).to.match(/required in production/);
  });

  it('refuses production without LTI_ENCRYPTION_KEY', () => {
    const err = configError({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db/teamloop',
      XAPI_ACTOR_SECRET: KEY,
    });
    expect(err.issues.map((i) => i.variable)).to.deep.equal(['LTI_ENCRYPTION_KEY']);
  });

  it('refuses production without XAPI_ACTOR_SECRET and never echoes it', () => {
    const err = configError({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db/teamloop',
      LTI_ENCRYPTION_KEY: KEY,
    });
    expect(err.issues.map((i) => i.variable)).to.deep.equal(['XAPI_ACTOR_SECRET']);
    const short = configError({ XAPI_ACTOR_SECRET: 'too-short-secret' });
    expect(short.format()).to.contain('XAPI_ACTOR_SECRET').and.not.contain('too-short-secret');
  });

  it('reads the xAPI delivery settings with defaults and bounds', () => {
    expect(loadConfig({}).xapi).to.deep.equal({
      actorSecret: undefined,
      batchSize: 100,
      pollIntervalMs: 1000,
      requestTimeoutMs: 15_000,
      delivery: true,
      sentRetentionDays: 30,
    });
    const set = loadConfig({
      XAPI_BATCH_SIZE: '20',
      XAPI_POLL_INTERVAL_MS: '250',
      XAPI_DELIVERY: 'off',
      XAPI_SENT_RETENTION_DAYS: '7',
    }).xapi;
    expect(set).to.include({ batchSize: 20, pollIntervalMs: 250, delivery: false, sentRetentionDays: 7 });
    expect(configError({ XAPI_BATCH_SIZE: '101' }).issues[0]!.variable).to.equal('XAPI_BATCH_SIZE');
    expect(configError({ XAPI_SENT_RETENTION_DAYS: '0' }).issues[0]!.variable).to.equal(
      'XAPI_SENT_RETENTION_DAYS',
    );
  });

  it('accepts the LRS settings together and rejects them partly given', () => {
    const lrs = { LRS_ENDPOINT: 'https://lrs.example.org/xapi', LRS_USERNAME: 'key', LRS_PASSWORD: 'secret' };
    expect(loadConfig(lrs).lrs).to.deep.equal({
      endpoint: 'https://lrs.example.org/xapi',
      username: 'key',
      password: 'secret',
    });
    const err = configError({ LRS_ENDPOINT: 'https://lrs.example.org/xapi' });
    expect(err.issues.map((i) => i.variable).sort()).to.deep.equal(['LRS_PASSWORD', 'LRS_USERNAME']);
  });

  it('lists every bad variable at once, one line each, in a report that fits a screen', () => {
    const err = configError({
      PORT: 'eighty',
      PUBLIC_URL: 'teamloop.example.org',
      MONGODB_URI: 'postgres://db',
      LOG_LEVEL: 'loud',
      DEMO_PLATFORM: 'yes',
      SHUTDOWN_TIMEOUT_MS: '-5',
      NODE_ENV: 'staging',
      LTI_ENCRYPTION_KEY: 'short',
      FRAME_ANCESTORS: 'https://lms.example.edu/path',
    });
    const variables = err.issues.map((i) => i.variable).sort();
    expect(variables).to.deep.equal([
      'DEMO_PLATFORM',
      'FRAME_ANCESTORS',
      'LOG_LEVEL',
      'LTI_ENCRYPTION_KEY',
      'MONGODB_URI',
      'NODE_ENV',
      'PORT',
      'PUBLIC_URL',
      'SHUTDOWN_TIMEOUT_MS',
    ]);
    const report = err.format();
    expect(report.split('\n').length).to.be.below(25);
    for (const variable of variables) expect(report).to.contain(variable);
    expect(report).to.contain('"eighty"');
  });

  it('never echoes secret values in the report', () => {
    const report = configError({
      LTI_ENCRYPTION_KEY: 'tooshort-secret',
      MONGODB_URI: 'http://user:pw@db',
    }).format();
    expect(report).to.contain('LTI_ENCRYPTION_KEY');
    expect(report).not.to.contain('tooshort-secret');
    expect(report).not.to.contain('user:pw');
  });

  it('rejects a port outside 0..65535', () => {
    expect(configError({ PORT: '70000' }).issues[0]!.variable).to.equal('PORT');
  });

  it('parses FRAME_ANCESTORS as a list of origins', () => {
    expect(
      loadConfig({ FRAME_ANCESTORS: 'https://moodle.example.edu, https://canvas.example.edu' })
        .frameAncestors,
    ).to.deep.equal(['https://moodle.example.edu', 'https://canvas.example.edu']);
  });

  it('reads the submission file limit and allowed types, refusing types a browser would run', () => {
    expect(loadConfig({}).submissions).to.deep.equal({
      maxFileBytes: 10 * 1024 * 1024,
      allowedContentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'],
    });
    const custom = loadConfig({
      SUBMISSION_MAX_FILE_BYTES: '2048',
      SUBMISSION_FILE_TYPES: 'Application/PDF, text/markdown',
    });
    expect(custom.submissions).to.deep.equal({
      maxFileBytes: 2048,
      allowedContentTypes: ['application/pdf', 'text/markdown'],
    });
    const bad = configError({
      SUBMISSION_MAX_FILE_BYTES: '0',
      SUBMISSION_FILE_TYPES: 'application/pdf,text/html',
    });
    expect(bad.issues.map((i) => i.variable)).to.deep.equal([
      'SUBMISSION_MAX_FILE_BYTES',
      'SUBMISSION_FILE_TYPES',
    ]);
    expect(bad.issues[1]!.message).to.match(/HTML, SVG, XML, JavaScript/);
    expect(configError({ SUBMISSION_FILE_TYPES: 'pdf' }).issues[0]!.message).to.match(/MIME types/);
  });
});
