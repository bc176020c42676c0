import type { Command } from 'commander';
import { resolveSecret } from '../../config.ts';
import { PASSWORD_LENGTH, PASSWORD_RULE, USERNAME_PATTERN, USERNAME_RULE } from '../../domain/credentials.ts';
import { UsageError } from '../exit-codes.ts';
import { emit, readStdin, type CliIo } from '../io.ts';
import { userDetails } from '../views.ts';
import { CONFIG_OPTION, configOf } from './config.ts';

// Checked here because this command writes to the database without passing through the API.
const USERNAME = new RegExp(USERNAME_PATTERN);

/** A log that writes errors to stderr and keeps quiet otherwise. */
function stderrLog(io: CliIo) {
  const error = (first: object | string, message?: string) => void io.stderr.write(`${typeof first === 'string' ? first : message}\n`);
  const quiet = () => {};
  return { debug: quiet, info: quiet, warn: quiet, error };
}

/**
 * `keyward admin create`: makes an admin straight in the database, where Keyward runs: for the
 * first admin without the KEYWARD_ADMIN_* variables, or to get back in when no admin can sign in.
 */
export function registerAdmin(program: Command, io: CliIo): void {
  const admin = program.command('admin').description("administer Keyward's own database, where Keyward runs (uses DATABASE_URL)");
  admin
    .command('create')
    .description('create an admin user directly in the database')
    .requiredOption('--username <name>', '2-64 letters, digits or _.@-')
    .requiredOption('--password-stdin', 'read the password (12+ characters) from standard input')
    .option(...CONFIG_OPTION)
    .option('--json', 'print JSON for scripts')
    .addHelpText('after', '\nExample: printf %s "$PASSWORD" | DATABASE_URL=file:./data/keyward.db keyward admin create --username root --password-stdin')
    .action(async (options: { username: string; config?: string; json?: boolean }) => {
      if (!USERNAME.test(options.username)) throw new UsageError(`--username must be ${USERNAME_RULE}`);
      const password = await readStdin(io);
      if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
        throw new UsageError(`the password must be ${PASSWORD_RULE}; got ${password.length}`);
      }
      const config = configOf(io, options);
      // Loaded here, not at the top: the remote commands must not pay for loading the server.
      const [{ createServices }, { SYSTEM_ACTOR }, { createUser }] = await Promise.all([
        import('../../services/create-services.ts'),
        import('../../services/actor.ts'),
        import('../../services/users.ts'),
      ]);
      // The services the server runs, without its HTTP side or background work, so the user is
      // created (and audited) exactly as the server would. Only errors are written (to stderr,
      // away from the answer).
      const services = await createServices(config, { secret: resolveSecret(config), log: stderrLog(io), background: false });
      try {
        const user = await createUser(services.ctx, SYSTEM_ACTOR, { username: options.username, password, role: 'admin' });
        emit(io, options.json, user, () => `Created admin ${user.username}.\n${userDetails(user)}`);
      } finally {
        await services.close();
      }
    });
}
