import http from 'node:http';
import { expect } from 'chai';
import express from 'express';
import { startHttpServer } from '../../../src/runtime/http-server.js';
import { createDrainGate } from '../../../src/web/middleware/drain-gate.js';

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
}

function get(port: number, path: string, agent: http.Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('startHttpServer + drain gate (graceful stop)', () => {
  it('finishes requests in flight, turns new ones away with 503, then closes', async () => {
    const gate = createDrainGate();
    let releaseSlow: () => void = () => undefined;
    let slowArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));
    const app = express();
    app.use(gate.middleware);
    app.get('/slow', (_req, res) => {
      slowArrived();
      releaseSlow = () => res.send('slow done');
    });
    app.get('/fast', (_req, res) => res.send('fast'));
    const server = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    const slow = get(server.port, '/slow', new http.Agent({ keepAlive: true }));
    await arrived;

    // Shutdown begins while /slow is in flight; a request that still reaches the server
    // (e.g. a load balancer that has not noticed yet) is turned away.
    gate.beginDraining();
    const turnedAway = await get(server.port, '/fast', new http.Agent({ keepAlive: true }));
    expect(turnedAway.status).to.equal(503);
    expect(turnedAway.headers['connection']).to.equal('close');
    expect(turnedAway.headers['retry-after']).to.equal('5');

    const closed = server.close(5000);
    releaseSlow();
    expect(await slow).to.include({ status: 200, body: 'slow done' });
    await closed;

    const refused = await get(server.port, '/fast', new http.Agent()).then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    expect(refused).to.equal('ECONNREFUSED');
  });

  it('cuts requests still running when the grace period ends', async () => {
    const app = express();
    app.get('/hang', () => undefined);
    const server = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    const hanging = get(server.port, '/hang', new http.Agent()).then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close(200);
    expect(Date.now() - started).to.be.below(2000);
    expect(await hanging).to.equal('ECONNRESET');
  });
});
