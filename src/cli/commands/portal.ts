import type { Command } from 'commander';
import type { PortalSessionCreate } from '@keyward/sdk';
import { emit, type CliIo } from '../io.ts';
import { parseSeconds } from '../option-values.ts';
import { clientFor, collect, remoteCommand, type RemoteOptions } from '../remote.ts';
import { portalSessionDetails } from '../views.ts';

type LinkOptions = RemoteOptions & { project: string; externalId: string; group?: string[]; returnUrl?: string; ttl?: number };

/** `keyward portal link`: a single-use link to the self-service page of one of your customers. */
export function registerPortal(program: Command, io: CliIo): void {
  const portal = program.command('portal').description('the self-service portal where your customers manage their own keys');

  remoteCommand(portal, 'link', "print a single-use link to one customer's self-service page (needs portal.write)")
    .requiredOption('--project <id>', 'the project whose keys the customer manages there')
    .requiredOption('--external-id <id>', 'the identity (your customer) by your own id')
    .option('--group <id>', 'a permission group keys made there may be given (repeatable; default: none)', collect)
    .option('--return-url <url>', 'where the page links back to (your application)')
    .option('--ttl <seconds>', 'how long the link, and the session it opens, lasts (default 300, at most 3600)', parseSeconds)
    .addHelpText('after', '\nThe link works once: hand it to the customer\'s browser at once. With --json the answer is {url, expiresAt};\ne.g. URL=$(keyward portal link --project prj_… --external-id acme-corp --json | jq -r .url)')
    .action(async (options: LinkOptions) => {
      const body: PortalSessionCreate = {
        projectId: options.project,
        externalId: options.externalId,
        ...(options.group ? { groupIds: options.group } : {}),
        ...(options.returnUrl !== undefined ? { returnUrl: options.returnUrl } : {}),
        ...(options.ttl !== undefined ? { ttlSeconds: options.ttl } : {}),
      };
      const session = await clientFor(io, options).portal.createSession(body);
      emit(io, options.json, session, () => portalSessionDetails(session));
    });
}
