import type { Command } from 'commander';
import { EXIT, ExitWith } from '../exit-codes.ts';
import { emit, type CliIo } from '../io.ts';
import { clientFor, collect, remoteCommand, type RemoteOptions } from '../remote.ts';
import { formatDetails } from '../table.ts';

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
    .addHelpText('after', '\nNeeds no --token unless the server runs with KEYWARD_VERIFY_AUTH=required.')
    .action(async (token: string, options: RemoteOptions & { project?: string; permission?: string[]; ip?: string }) => {
      const result = await clientFor(io, options, false).verify(token, {
        ...(options.project ? { projectId: options.project } : {}),
        ...(options.permission ? { permissions: options.permission } : {}),
        ...(options.ip ? { ip: options.ip } : {}),
      });
      emit(io, options.json, result, () =>
        result.valid
          ? formatDetails([
              ['Result', `${result.code} (valid)`],
              ['Key', result.keyId ?? '-'],
              ['Project', result.projectId ?? '-'],
              ['Owner', result.ownerId ?? '-'],
              ['Permissions', (result.permissions ?? []).join(', ') || '-'],
              ['Expires', result.expiresAt ?? 'never'],
            ])
          : `Result: ${result.code} (not valid)`,
      );
      if (!result.valid) throw new ExitWith(EXIT.KEY_INVALID);
    });
}
