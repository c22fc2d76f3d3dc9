#!/usr/bin/env node
// `npx teamloop`: runs the compiled CLI (`npm run build` produces dist/).
let cli;
try {
  cli = await import('../dist/src/cli/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('cli/main.js')) {
    console.error('teamloop: the project is not built yet. Run "npm run build" first.');
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
