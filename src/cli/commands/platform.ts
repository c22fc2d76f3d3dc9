/**
 * `teamloop platform add|list|remove|registration-link`: platform registrations, against the
 * configured database whether or not the tool is running (never starts the HTTP server).
 */
import { parseArgs } from 'node:util';
import { mergeDeploymentIds, type PlatformRegistration } from '../../domain/lti/platform.js';
import { platformRegistrationSchema } from '../../lti/config-files.js';
import { createRegistrationLink } from '../../lti/dynamic-registration.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from '../command.js';
import { loadCliConfig } from '../load-cli-config.js';
import { openToolContext, type ToolContext } from '../tool-context.js';

const HELP = [
  'Usage:',
  '  teamloop platform add --issuer URL --client-id ID --deployment-id ID [--deployment-id ID ...]',
  '                        --auth-url URL --token-url URL --jwks-url URL [--name NAME]',
  '  teamloop platform list [--json]',
  '  teamloop platform remove --issuer URL --client-id ID',
  '  teamloop platform registration-link [--valid-hours N]',
  '',
  'add      registers an LTI 1.3 platform (or updates it: deployment ids are added to those known)',
  'list     shows the registered platforms',
  'remove   removes a registration (launches from it are refused from then on)',
  'registration-link',
  '         creates a one-time LTI Dynamic Registration link for an LMS administrator',
  '         (needs LTI_DYNAMIC_REGISTRATION=on; valid 24 hours unless --valid-hours is given)',
].join('\n');

async function withTool<T>(
  context: CliContext,
  fn: (tool: ToolContext, publicUrl: string) => Promise<T>,
): Promise<T | undefined> {
  const config = loadCliConfig(context);
  if (config === undefined) return undefined;
  const tool = await openToolContext(config);
  try {
    return await fn(tool, config.publicUrl);
  } finally {
    await tool.close();
  }
}

function usage(context: CliContext, message: string): number {
  context.io.err(`teamloop platform: ${message}\n\n${HELP}`);
  return EXIT_USAGE;
}

export const platformCommand: CliCommand = {
  name: 'platform',
  summary: 'add, list or remove LTI platform registrations; create dynamic registration links',
  help: HELP,
  async run(args, context) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      context.io.out(HELP);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    let values: Record<string, string | boolean | string[] | undefined>;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          issuer: { type: 'string' },
          'client-id': { type: 'string' },
          'deployment-id': { type: 'string', multiple: true },
          'auth-url': { type: 'string' },
          'token-url': { type: 'string' },
          'jwks-url': { type: 'string' },
          name: { type: 'string' },
          json: { type: 'boolean' },
          'valid-hours': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }));
    } catch (err) {
      return usage(context, (err as Error).message);
    }
    if (values['help'] === true) {
      context.io.out(HELP);
      return EXIT_OK;
    }
    try {
      switch (sub) {
        case 'add':
          return await add(values, context);
        case 'list':
          return (
            (await withTool(context, async (tool) => list(tool, values['json'] === true, context))) ??
            EXIT_FAILURE
          );
        case 'remove': {
          const issuer = values['issuer'];
          const clientId = values['client-id'];
          if (typeof issuer !== 'string' || typeof clientId !== 'string')
            return usage(context, 'remove needs --issuer and --client-id');
          const removed = await withTool(context, (tool) => tool.lti.removePlatform(issuer, clientId));
          if (removed === undefined) return EXIT_FAILURE;
          if (!removed) {
            context.io.err(`No platform with issuer ${issuer} and client id ${clientId}.`);
            return EXIT_FAILURE;
          }
          context.io.out(`Removed platform ${issuer} (client id ${clientId}).`);
          return EXIT_OK;
        }
        case 'registration-link':
          return await registrationLink(values, context);
        default:
          return usage(context, `unknown subcommand "${sub}"`);
      }
    } catch (err) {
      context.io.err(`teamloop platform ${sub}: ${(err as Error).message}`);
      return EXIT_FAILURE;
    }
  },
};

async function add(values: Record<string, unknown>, context: CliContext): Promise<number> {
  const candidate = {
    issuer: values['issuer'],
    clientId: values['client-id'],
    deploymentIds: values['deployment-id'] ?? [],
    authUrl: values['auth-url'],
    tokenUrl: values['token-url'],
    jwksUrl: values['jwks-url'],
    name: values['name'] ?? (typeof values['issuer'] === 'string' ? values['issuer'] : undefined),
  };
  const parsed = platformRegistrationSchema.safeParse(candidate);
  if (!parsed.success) {
    const flags: Record<string, string> = {
      issuer: '--issuer',
      clientId: '--client-id',
      deploymentIds: '--deployment-id',
      authUrl: '--auth-url',
      tokenUrl: '--token-url',
      jwksUrl: '--jwks-url',
      name: '--name',
    };
    const problems = parsed.error.issues.map(
      (i) => `${flags[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`,
    );
    return usage(context, problems.join('; '));
  }
  const saved = await withTool(context, async (tool) => {
    const existing = await tool.platforms.find(parsed.data.issuer, parsed.data.clientId);
    const registration: PlatformRegistration = {
      ...parsed.data,
      deploymentIds: mergeDeploymentIds(existing?.deploymentIds ?? [], parsed.data.deploymentIds),
    };
    return tool.lti.registerPlatform(registration, 'cli');
  });
  if (saved === undefined) return EXIT_FAILURE;
  context.io.out(
    `Registered platform ${saved.issuer} (client id ${saved.clientId}); deployments: ${saved.deploymentIds.join(', ')}.`,
  );
  return EXIT_OK;
}

async function list(tool: ToolContext, json: boolean, context: CliContext): Promise<number> {
  const platforms = await tool.platforms.list();
  if (json) {
    context.io.out(
      JSON.stringify(
        platforms.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest),
        null,
        2,
      ),
    );
    return EXIT_OK;
  }
  if (platforms.length === 0) {
    context.io.out('No platforms registered. Add one with "teamloop platform add" (see --help).');
    return EXIT_OK;
  }
  for (const p of platforms) {
    context.io.out(
      [
        `${p.name} [${p.source}]`,
        `  issuer:       ${p.issuer}`,
        `  client id:    ${p.clientId}`,
        `  deployments:  ${p.deploymentIds.join(', ') || '(none: launches are refused)'}`,
        `  auth url:     ${p.authUrl}`,
        `  token url:    ${p.tokenUrl}`,
        `  jwks url:     ${p.jwksUrl}`,
      ].join('\n'),
    );
  }
  return EXIT_OK;
}

async function registrationLink(values: Record<string, unknown>, context: CliContext): Promise<number> {
  const config = loadCliConfig(context);
  if (config === undefined) return EXIT_FAILURE;
  if (!config.lti.dynamicRegistration) {
    context.io.err(
      'Dynamic registration is off. Set LTI_DYNAMIC_REGISTRATION=on (and restart the tool) first.',
    );
    return EXIT_FAILURE;
  }
  const hoursText = typeof values['valid-hours'] === 'string' ? values['valid-hours'] : '24';
  const hours = Number(hoursText);
  if (!/^\d+$/.test(hoursText) || hours < 1 || hours > 168)
    return usage(context, '--valid-hours must be 1 to 168');
  const link = await withTool(context, (tool, publicUrl) =>
    createRegistrationLink(tool.registrationLinks, publicUrl, new Date(), hours * 3600_000),
  );
  if (link === undefined) return EXIT_FAILURE;
  context.io.out(`One-time registration link (valid until ${link.expiresAt.toISOString()}):\n${link.url}`);
  return EXIT_OK;
}
