import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { emit, type CliIo } from '../io.ts';
import { CONFIG_OPTION, configOf } from './config.ts';

const BACKUP_HELP = `
Opens the database file DATABASE_URL names (read-only) and copies it with SQLite's online
backup: a snapshot of one moment, while the server goes on serving. The copy is written beside
FILE with mode 0600, checked (PRAGMA integrity_check), then renamed over FILE. Back up the
server secret too (KEYWARD_SECRET, or the data folder's "secret" file): without it no stored
key verifies. For PostgreSQL use pg_dump (see "Backups" in the README).

Exit codes: 0 copied; 5 no database at DATABASE_URL, or FILE's folder is missing;
7 DATABASE_URL is PostgreSQL, or FILE is the database itself; 78 a bad setting.

Example: keyward backup --to /var/backups/keyward-$(date +%F).db`;

const RESTORE_HELP = `
With the server stopped: copies FILE beside the database DATABASE_URL names (mode 0600),
checks the copy (PRAGMA integrity_check, Keyward's migration table, a schema this version
knows), and renames it into place, removing the old file's -wal and -shm. Refused while any process has the
database open (SQLite's locks tell: a running server, or a backup being made); then nothing is
changed. Start the server with the KEYWARD_SECRET the backup was made under.

Exit codes: 0 restored; 5 no such FILE; 6 the database is in use (stop the server first);
7 FILE is not a sound Keyward database of this version or older, or DATABASE_URL is PostgreSQL;
78 a bad setting.

Example: systemctl stop keyward && keyward restore --from /var/backups/keyward-2026-01-01.db`;

/** Where the server's secret is, to name in the reminder that it must be kept with the backup. */
function secretWhere(config: Config): string {
  return config.secret === undefined ? `the file ${join(config.dataDir, 'secret')}` : 'KEYWARD_SECRET (as the server is given it)';
}

function sizeInWords(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * `keyward backup` and `keyward restore`: copies of the embedded SQLite database, made where
 * Keyward runs. The CLI opens the database file itself rather than asking the server over
 * HTTP: nothing is exposed on the network, no credential is needed beyond access to the file
 * (which a backup is a copy of anyway), and it works whether or not the server runs.
 */
export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description("copy the SQLite database to a file, consistently, while the server runs (uses DATABASE_URL)")
    .requiredOption('--to <file>', 'the backup file to write (replaced whole if it exists)')
    .option(...CONFIG_OPTION)
    .option('--json', 'print JSON for scripts')
    .addHelpText('after', BACKUP_HELP)
    .action(async (options: { to: string; config?: string; json?: boolean }) => {
      const config = configOf(io, options);
      // Loaded here, not at the top: the remote commands must not pay for loading the store.
      const { backupDatabase } = await import('../../services/database-backups.ts');
      const made = await backupDatabase(config.databaseUrl, options.to);
      emit(io, options.json, made, () =>
        `Backed up ${made.database} to ${made.file} (${sizeInWords(made.bytes)}, schema ${made.schema}).\n` +
        `Keep the server secret with it, ${secretWhere(config)}: without it no key in the backup verifies.`);
    });

  program
    .command('restore')
    .description('put a backup in place of the SQLite database, with the server stopped (uses DATABASE_URL)')
    .requiredOption('--from <file>', 'the backup file (made by keyward backup)')
    .option(...CONFIG_OPTION)
    .option('--json', 'print JSON for scripts')
    .addHelpText('after', RESTORE_HELP)
    .action(async (options: { from: string; config?: string; json?: boolean }) => {
      const config = configOf(io, options);
      const { restoreDatabase } = await import('../../services/database-backups.ts');
      const restored = await restoreDatabase(config.databaseUrl, options.from);
      emit(io, options.json, restored, () =>
        `Restored ${restored.from} into ${restored.database} (schema ${restored.schema}; the server brings it up to date when it starts).\n` +
        `Start the server with the secret the backup was made under, ${secretWhere(config)}.`);
      // Without it the server would make a new secret on start, and no restored key would verify.
      if (config.secret === undefined && !existsSync(join(config.dataDir, 'secret'))) {
        io.stderr.write(`keyward: warning: there is no ${join(config.dataDir, 'secret')}: put the original secret there (or set KEYWARD_SECRET) before starting, or the server makes a new one and no restored key verifies.\n`);
      }
    });
}
