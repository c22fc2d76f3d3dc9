/**
 * Loads ltijs. Its `Provider` is a module-level singleton that can be `setup()` once per loaded
 * copy, and it keeps its own mongoose 7 (nested under `node_modules/ltijs`) with a global default
 * connection. A process that needs a second provider after the first was closed (the test run,
 * the launch benchmark with its bare-ltijs baseline) gets a fresh copy: the cached modules of the
 * ltijs package, including its nested mongoose and driver, are dropped from the CommonJS cache
 * before requiring it again. A process that never loaded ltijs before gets the ordinary `require('ltijs')`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LtijsProvider } from 'ltijs';

const require = createRequire(import.meta.url);

export function loadLtijsProvider(): LtijsProvider {
  const entry = require.resolve('ltijs');
  if (require.cache[entry] !== undefined) {
    const packageDir = path.dirname(entry) + path.sep;
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(packageDir)) delete require.cache[key];
    }
  }
  return (require('ltijs') as typeof import('ltijs')).Provider;
}
