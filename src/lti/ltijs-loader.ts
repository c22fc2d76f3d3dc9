/**
 * Loads ltijs. Its module exports one `Provider` instance, which can be `setup()` only once; a
 * process that needs a provider again after closing one (the test run, the launch benchmark
 * with its bare-ltijs baseline, the CLI inside tests) gets a new instance of the same class
 * instead. ltijs keeps per-instance state in private fields; what instances share is its mongoose
 * 7 default connection, so only one provider may be deployed at a time in a process (each
 * `close()` before the next `deploy()`), which is how compose, the CLI and the tests use it.
 */
import { createRequire } from 'node:module';
import type { LtijsProvider } from 'ltijs';

const require = createRequire(import.meta.url);

export function loadLtijsProvider(): LtijsProvider {
  const singleton = (require('ltijs') as typeof import('ltijs')).Provider;
  const ProviderClass = Object.getPrototypeOf(singleton).constructor as new () => LtijsProvider;
  return new ProviderClass();
}
