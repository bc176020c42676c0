import type { Command } from 'commander';
import { EXIT, ExitWith } from '../exit-codes.ts';
import { emit, type CliIo } from '../io.ts';
import { collectParsed, parseLimitRequest } from '../option-values.ts';
import { clientFor, collect, remoteCommand, type RemoteOptions } from '../remote.ts';
import { verificationDetails } from '../views.ts';

type VerifyOptions = RemoteOptions & { project?: string; permission?: string[]; ip?: string; limit?: { name: string; cost?: number }[] };

/**
 * `keyward verify <token>`: asks Keyward about a key as an API would. Exits 0 when it is valid
 * and 10 when it is not, so `keyward verify "$TOKEN" && …` works in a script.
 */
export function registerVerify(program: Command, io: CliIo): void {
  remoteCommand(program, 'verify', 'check a key as your API would (exit 0 valid, 10 not valid)')
    .argument('<token>', 'the API key to check')
    .option('--project <id>', 'it must belong to this project')
    .option('--permission <permission>', 'it must hold this permission (repeatable)', collect)
    .option('--ip <address>', "the caller's address, checked against the key's allowlist")
    .option('--limit <name>[=cost]', "spend this named limit of the key (or of its identity) at this cost, default 1 (repeatable), e.g. tokens=250; the automatic ones apply anyway", collectParsed(parseLimitRequest))
    .addHelpText('after', '\nNeeds no --token unless the server runs with KEYWARD_VERIFY_AUTH=required. A verification spends\nwhat a real call would: its rate limits, and one of a quota.')
    .action(async (token: string, options: VerifyOptions) => {
      const result = await clientFor(io, options, false).verify(token, {
        ...(options.project ? { projectId: options.project } : {}),
        ...(options.permission ? { permissions: options.permission } : {}),
        ...(options.ip ? { ip: options.ip } : {}),
        ...(options.limit ? { ratelimits: options.limit } : {}),
      });
      emit(io, options.json, result, () => verificationDetails(result));
      if (!result.valid) throw new ExitWith(EXIT.KEY_INVALID);
    });
}
