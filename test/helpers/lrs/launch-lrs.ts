/**
 * Child-process launcher of Learning Locker's statement service (`xapi-statements`, GPL-3.0,
 * a devDependency: tests and benchmarks only, never in the image), in memory.
 *
 * It patches express's `listen` before the service loads, so the service (which would bind every
 * interface with no real auth) is served only on 127.0.0.1 behind an HTTP Basic gate (`/about`
 * stays open, as the spec allows). The parent steers it over IPC:
 *   { cmd: 'fault', status, retryAfter?, count, body? }  answer the next `count` POST /statements
 *                                                          with that status instead of the LRS
 *   { cmd: 'close' }   stop listening (connections dropped; the store stays in memory)
 *   { cmd: 'listen' }  listen again on the same port
 * and it reports { type: 'listening', port }, { type: 'closed' } and { type: 'stats', ... }.
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Application, Request, Response } from 'express';

const require = createRequire(import.meta.url);
const serverPath = require.resolve('xapi-statements/dist/server.js');
const lrsRequire = createRequire(serverPath);
const express = lrsRequire('express') as { application: { listen: unknown } };

const USER = process.env['LRS_USER'] ?? 'xapi';
const PASS = process.env['LRS_PASS'] ?? 'xapi-secret';
const expected = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
let port = Number(process.env['LRS_PORT'] ?? '0');

interface Fault {
  status: number;
  retryAfter?: string;
  body?: string;
  count: number;
}
const faults: Fault[] = [];
let statementPosts = 0;
let server: http.Server | undefined;
const sockets = new Set<Socket>();

function send(message: unknown): void {
  if (process.send) process.send(message);
}

function gate(app: Application): http.RequestListener {
  return (req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith('/xAPI/about') && req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="xapi"', 'Content-Type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    if (req.method === 'POST' && url.startsWith('/xAPI/statements')) {
      statementPosts += 1;
      const fault = faults[0];
      if (fault !== undefined) {
        fault.count -= 1;
        if (fault.count <= 0) faults.shift();
        req.resume();
        req.on('end', () => {
          res.writeHead(fault.status, {
            'Content-Type': 'application/json',
            ...(fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter }),
          });
          res.end(fault.body ?? JSON.stringify({ message: `injected ${fault.status}` }));
        });
        return;
      }
    }
    (app as unknown as (req: Request, res: Response) => void)(req as Request, res as Response);
  };
}

function listen(app: Application, ready: () => void): void {
  server = http.createServer(gate(app));
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server!.address();
    if (address !== null && typeof address === 'object') port = address.port;
    send({ type: 'listening', port });
    ready();
  });
}

let theApp: Application | undefined;
express.application.listen = function (this: Application, _port: unknown, callback?: () => void) {
  // The service's own app: kept so `listen` can serve it again after `close`.
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  theApp = this;
  listen(this, () => callback?.());
  return server;
};

process.on('message', (message: { cmd: string } & Partial<Fault>) => {
  if (message.cmd === 'fault') {
    faults.push({
      status: message.status ?? 503,
      count: message.count ?? 1,
      ...(message.retryAfter === undefined ? {} : { retryAfter: message.retryAfter }),
      ...(message.body === undefined ? {} : { body: message.body }),
    });
    send({ type: 'fault-set' });
  } else if (message.cmd === 'close') {
    const s = server;
    server = undefined;
    if (s === undefined) return send({ type: 'closed' });
    s.close(() => send({ type: 'closed' }));
    for (const socket of sockets) socket.destroy();
  } else if (message.cmd === 'listen') {
    if (theApp !== undefined && server === undefined) listen(theApp, () => undefined);
  } else if (message.cmd === 'stats') {
    send({ type: 'stats', statementPosts });
  }
});
process.on('disconnect', () => process.exit(0));

lrsRequire(serverPath);
