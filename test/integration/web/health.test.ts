import { expect } from 'chai';
import { startTestWebApp, type TestWebApp } from '../../helpers/web-app.js';

describe('health endpoints', () => {
  let web: TestWebApp | undefined;
  afterEach(async () => web?.close());

  it('GET /health/live answers 200 even when the database is down', async () => {
    web = await startTestWebApp({ pingDatabase: () => Promise.resolve(false) });
    const res = await fetch(`${web.url}/health/live`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
  });

  it('GET /health/ready answers 200 when the database answers a ping', async () => {
    web = await startTestWebApp({ pingDatabase: () => Promise.resolve(true) });
    const res = await fetch(`${web.url}/health/ready`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ready', checks: { database: 'up' } });
  });

  it('GET /health/ready answers 503 when the ping fails', async () => {
    web = await startTestWebApp({ pingDatabase: () => Promise.reject(new Error('connection refused')) });
    const res = await fetch(`${web.url}/health/ready`);
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.equal({ status: 'unavailable', checks: { database: 'down' } });
  });

  it('GET /health/ready answers 503 while the tool shuts down, /health/live still 200', async () => {
    web = await startTestWebApp();
    web.drainGate.beginDraining();
    const ready = await fetch(`${web.url}/health/ready`, { headers: { Accept: 'application/json' } });
    expect(ready.status).to.equal(503);
    expect(ready.headers.get('retry-after')).to.equal('5');
    expect((await fetch(`${web.url}/health/live`)).status).to.equal(200);
  });
});
