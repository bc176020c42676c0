import type { Command } from 'commander';
import { checkConfig, loadConfig, type Config, type SettingOrigin } from '../../config.ts';
import { EXIT, ExitWith } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { formatTable } from '../table.ts';

/** The option of every command that runs where Keyward runs (serve, migrate, admin, backup…). */
export const CONFIG_OPTION = ['--config <file>', 'a TOML or JSON file of settings, under the environment\'s names (default: the file KEYWARD_CONFIG names); the environment wins over it'] as const;

/** The settings of a command given `--config`: the environment first, then that file (or KEYWARD_CONFIG's). */
export function configOf(io: CliIo, options: { config?: string }, overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...io.env, ...overrides }, { file: options.config });
}

const sourceOf = (origin: SettingOrigin) => origin.file ?? 'environment';

/**
 * `keyward config check`: reads the settings as `serve` would and reports every problem at
 * once, one line each, or "ok" with where each setting came from. Values are never printed: a
 * setting may be a secret, and this output ends up in CI logs and support tickets.
 */
export function registerConfig(program: Command, io: CliIo): void {
  const config = program.command('config').description('check the settings Keyward would start with');
  config
    .command('check')
    .description('check the environment and the config file as `serve` would: every problem, one line each, or ok')
    .option(...CONFIG_OPTION)
    .option('--json', 'print JSON for scripts')
    .addHelpText('after', '\nExits 0 when Keyward would start with these settings, 78 otherwise. Values are never printed.\n\nExample: keyward config check --config /etc/keyward/keyward.toml')
    .action((options: { config?: string; json?: boolean }) => {
      const { config: checked, problems, file, origins } = checkConfig(io.env, { file: options.config });
      const settings = origins.map((origin) => ({ name: origin.name, from: sourceOf(origin) }));
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ ok: problems.length === 0, file: file ?? null, problems, settings }, null, 2)}\n`);
      } else if (problems.length > 0) {
        for (const problem of problems) io.stderr.write(`keyward: ${problem}\n`);
        io.stderr.write(`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}${file === undefined ? ' (no config file)' : ` (config file ${file})`}\n`);
      } else {
        const fromFile = origins.filter((origin) => origin.file !== undefined).length;
        const summary = `ok: ${origins.length} ${origins.length === 1 ? 'setting' : 'settings'} (${fromFile} from ${file ?? 'no config file'}, ${origins.length - fromFile} from the environment); the others have their defaults`;
        const secret = checked?.secret === undefined ? `\nKEYWARD_SECRET is not set: Keyward uses ${checked?.dataDir}/secret (made on first start).` : '';
        io.stdout.write(`${summary}${settings.length > 0 ? `\n${formatTable(settings, [['SETTING', (row) => row.name], ['FROM', (row) => row.from]])}` : ''}${secret}\n`);
      }
      if (problems.length > 0) throw new ExitWith(EXIT.CONFIG);
    });
}
