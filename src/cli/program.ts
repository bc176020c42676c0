import { Command } from 'commander';
import { KeywardConnectionError, KeywardError } from '@keyward/sdk';
import manifest from '../../package.json' with { type: 'json' };
import { ConfigError } from '../config.ts';
import { ProblemError } from '../domain/problem-error.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBackup } from './commands/backup.ts';
import { registerConfig } from './commands/config.ts';
import { registerGroups } from './commands/groups.ts';
import { registerIdentities } from './commands/identities.ts';
import { registerKeys } from './commands/keys.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerPortal } from './commands/portal.ts';
import { registerProjects } from './commands/projects.ts';
import { registerServe } from './commands/serve.ts';
import { registerUsers } from './commands/users.ts';
import { registerVerify } from './commands/verify.ts';
import { registerWebhooks } from './commands/webhooks.ts';
import { EXIT, ExitWith, exitCodeOf, MissingTokenError, UsageError } from './exit-codes.ts';
import type { CliIo } from './io.ts';

const EXIT_CODES_HELP = `
Exit codes:
  0  done (verify: the key is valid)      6  conflict (409)
  1  unexpected error or server error     7  input refused (400/413/415/422)
  2  usage: bad command line              8  rate limited (429)
  3  no or refused credential (401)       9  Keyward unreachable
  4  forbidden (403)                      10 verify: the key is not valid
  5  not found (404)                      78 bad setting (environment or config file)

Remote commands read KEYWARD_URL (default http://127.0.0.1:8080) and KEYWARD_TOKEN (a
management key); --url and --token override them.`;

/**
 * The `keyward` command tree. Output goes through `io` and the exit code is returned, so tests
 * can run it in-process; only `serve` touches `process` (its shutdown signals).
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('keyward')
    .description('Keyward: self-hosted API key management. Run the server, or manage keys on a running one.')
    .version(manifest.version)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of [registerServe, registerMigrate, registerConfig, registerBackup, registerAdmin, registerKeys, registerIdentities, registerPortal, registerUsers, registerGroups, registerProjects, registerWebhooks, registerAudit, registerVerify]) {
    register(program, io);
  }
  return program;
}

/** A stable code for `--json` error output, beside the problem codes the server sends. */
function codeOf(error: unknown): string {
  if (error instanceof ProblemError) return error.code;
  if (error instanceof KeywardConnectionError) return 'UNREACHABLE';
  if (error instanceof MissingTokenError) return 'UNAUTHENTICATED';
  if (error instanceof UsageError) return 'USAGE';
  if (error instanceof ConfigError) return 'CONFIG';
  return 'UNEXPECTED';
}

/** The error as a person reads it, or as JSON on stderr when the command was given --json. */
function report(io: CliIo, error: unknown, json: boolean): void {
  if (error instanceof KeywardError) {
    const fields = error.errors.map((entry) => `\n  ${entry.path}: ${entry.message}`).join('');
    io.stderr.write(json ? `${JSON.stringify({ error: error.problem })}\n` : `keyward: ${error.message} (${error.status} ${error.code})${fields}\n`);
    return;
  }
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (json) io.stderr.write(`${JSON.stringify({ error: { code, detail } })}\n`);
  // An unexpected error is a bug: its stack helps whoever reports it.
  else io.stderr.write(code === 'UNEXPECTED' && error instanceof Error ? `keyward: unexpected error: ${error.stack ?? detail}\n` : `keyward: ${detail}\n`);
}

/**
 * Runs `keyward` with `argv` (without the node and script paths) and answers the exit code.
 * Commander prints its own usage errors and help; every other error is reported here.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT.OK;
  } catch (error) {
    const code = exitCodeOf(error);
    const commanderPrinted = typeof error === 'object' && error !== null && (error as { code?: unknown }).code?.toString().startsWith('commander.');
    if (!commanderPrinted && !(error instanceof ExitWith)) report(io, error, argv.includes('--json'));
    return code;
  }
}
