/**
 * `teamloop db`: runs the embedded MongoDB-compatible server on its own, e.g. to inspect
 * development data with mongosh or to share one database between several `npm start`s
 * (`MONGODB_URI=mongodb://127.0.0.1:27017/teamloop`). Development and tests only.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command.js';

const DEFAULT_PORT = 27017;
const DEFAULT_DBPATH = './data/db';

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'run the embedded MongoDB-compatible database server (development only)',
  help: [
    'Usage: teamloop db [--port <port>] [--dbpath <dir> | --memory]',
    '',
    'Runs the embedded MongoDB-compatible server on 127.0.0.1 until Ctrl-C.',
    '',
    'Options:',
    `  --port <port>    TCP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)`,
    `  --dbpath <dir>   data directory (default ${DEFAULT_DBPATH})`,
    '  --memory         keep data in memory only (lost on exit)',
    '  -h, --help       show this help',
  ].join('\n'),

  async run(args, { io, signal }) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: {
          port: { type: 'string' },
          dbpath: { type: 'string' },
          memory: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: false,
        strict: true,
      }));
    } catch (err) {
      io.err(`teamloop db: ${(err as Error).message}\n\n${this.help}`);
      return EXIT_USAGE;
    }
    if (values.help === true) {
      io.out(this.help);
      return EXIT_OK;
    }
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!/^\d+$/.test(values.port ?? String(DEFAULT_PORT)) || port > 65535) {
      io.err(`teamloop db: --port must be a number from 0 to 65535 (got "${values.port}")`);
      return EXIT_USAGE;
    }
    if (values.memory === true && values.dbpath !== undefined) {
      io.err('teamloop db: use either --dbpath or --memory, not both');
      return EXIT_USAGE;
    }
    const dbpath = values.memory === true ? undefined : path.resolve(values.dbpath ?? DEFAULT_DBPATH);

    let server;
    try {
      server = await startEmbeddedMongo({
        port,
        ...(dbpath === undefined ? {} : { dbpath }),
        log: (event) => {
          if (event.level !== 'info') io.err(`[${event.level}] ${event.msg}`);
        },
      });
    } catch (err) {
      io.err(`teamloop db: could not start: ${(err as Error).message}`);
      return EXIT_FAILURE;
    }
    io.out(`Embedded database listening at ${server.uri}`);
    io.out(dbpath === undefined ? 'Data is kept in memory only.' : `Data directory: ${dbpath}`);
    io.out('Press Ctrl-C to stop.');

    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.out('Stopping the embedded database…');
    await server.stop();
    io.out('Stopped.');
    return EXIT_OK;
  },
};
