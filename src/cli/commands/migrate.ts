import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { CONFIG_OPTION, configOf } from './config.ts';

/** A database URL fit to print: a PostgreSQL password is hidden. */
function printable(databaseUrl: string): string {
  if (databaseUrl.startsWith('file:')) return databaseUrl;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * `keyward migrate`: brings DATABASE_URL's schema up to date and exits. The server also does
 * this on start; running it first lets a deployment fail at the migration step, not at start.
 */
export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description("bring the database's schema up to date (DATABASE_URL) and exit")
    .option(...CONFIG_OPTION)
    .action(async (options: { config?: string }) => {
      const config = configOf(io, options);
      // Loaded here, not at the top: the remote commands must not pay for loading the store.
      const { migrateDatabase } = await import('../../services/create-services.ts');
      await migrateDatabase(config.databaseUrl);
      io.stdout.write(`The database is up to date (${printable(config.databaseUrl)}).\n`);
    });
}
