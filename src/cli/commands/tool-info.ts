/** `teamloop tool-info [--canvas]`: the tool's LTI URLs (or Canvas developer key) as JSON. */
import { parseArgs } from 'node:util';
import { canvasDeveloperKey } from '../../lti/canvas-config.js';
import { toolUrls } from '../../lti/tool-urls.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command.js';
import { loadCliConfig } from '../load-cli-config.js';

export const toolInfoCommand: CliCommand = {
  name: 'tool-info',
  summary: 'print the tool’s LTI URLs for PUBLIC_URL as JSON (--canvas: the Canvas developer key)',
  help: [
    'Usage: teamloop tool-info [--canvas]',
    '',
    'Prints, as JSON, the URLs an LMS administrator registers: login (OIDC initiation), launch',
    '(redirect/target link), deep linking, keyset (JWKS) and dynamic registration, for PUBLIC_URL.',
    '',
    'Options:',
    '  --canvas     print the Canvas developer key JSON ("Paste JSON") instead',
    '  -h, --help   show this help',
  ].join('\n'),
  async run(args, context) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: { canvas: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        strict: true,
      }));
    } catch (err) {
      context.io.err(`teamloop tool-info: ${(err as Error).message}\n\n${this.help}`);
      return EXIT_USAGE;
    }
    if (values.help === true) {
      context.io.out(this.help);
      return EXIT_OK;
    }
    const config = loadCliConfig(context);
    if (config === undefined) return EXIT_FAILURE;
    const urls = toolUrls(config.publicUrl);
    const info =
      values.canvas === true
        ? canvasDeveloperKey(config.publicUrl)
        : { ...urls, dynamicRegistration: config.lti.dynamicRegistration };
    context.io.out(JSON.stringify(info, null, 2));
    return EXIT_OK;
  },
};
