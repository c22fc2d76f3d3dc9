/**
 * Starts the HTTP server and stops it gracefully: no new connections, requests in flight run to
 * completion, idle kept-alive connections are closed, and anything still open when the grace
 * period ends is cut so shutdown stays bounded.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningHttpServer {
  readonly port: number;
  /** Resolves once every connection is closed (after at most `graceMs`). */
  close(graceMs: number): Promise<void>;
}

export async function startHttpServer(
  handler: RequestListener,
  options: { host: string; port: number },
): Promise<RunningHttpServer> {
  const server: Server = createServer(handler);
  // Slightly above common load balancer idle timeouts, so the balancer closes first.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    port,
    close(graceMs) {
      closing ??= new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
