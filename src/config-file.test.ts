import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.ts';
import { withScratchDir } from '../test/support/scratch-dir.ts';

const KNOWN = new Set(['PORT', 'HOST', 'KEYWARD_SECRET', 'KEYWARD_SECRET_FILE', 'KEYWARD_WEBHOOK_ALLOW_PRIVATE', 'KEYWARD_TRUSTED_PROXIES']);

describe('readConfigFile', () => {
  const { dir, file } = withScratchDir('keyward-config-file-');
  const read = (path: string) => {
    const problems: string[] = [];
    return { values: readConfigFile(path, KNOWN, problems), problems };
  };

  it('reads TOML, numbers and true/false as the text the environment would hold', () => {
    const path = file('keyward.toml', ['# Keyward', 'PORT = 9000', 'HOST = "0.0.0.0"', 'KEYWARD_WEBHOOK_ALLOW_PRIVATE = true', 'KEYWARD_SECRET_FILE = "/run/secrets/keyward"', ''].join('\n'));
    expect(read(path)).toEqual({ values: { PORT: '9000', HOST: '0.0.0.0', KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'true', KEYWARD_SECRET_FILE: '/run/secrets/keyward' }, problems: [] });
  });

  it('reads JSON the same way', () => {
    const path = file('keyward.json', JSON.stringify({ PORT: 9000, KEYWARD_WEBHOOK_ALLOW_PRIVATE: false, KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8' }));
    expect(read(path)).toEqual({ values: { PORT: '9000', KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'false', KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8' }, problems: [] });
  });

  it('keeps lists, tables and dates as they are, for the schema to refuse', () => {
    const path = file('shapes.toml', ['KEYWARD_TRUSTED_PROXIES = ["10.0.0.0/8"]', 'HOST = 1979-05-27T07:32:00Z', '[PORT]', 'value = 1'].join('\n'));
    const { values, problems } = read(path);
    expect(problems).toEqual([]);
    expect(values.KEYWARD_TRUSTED_PROXIES).toEqual(['10.0.0.0/8']);
    expect(values.HOST).toBeInstanceOf(Date);
    expect(values.PORT).toEqual({ value: 1 });
  });

  it('names every unknown setting: a typo, a section, a *_FILE of a setting that is no secret', () => {
    const path = file('unknown.toml', ['PROT = 8080', 'PORT_FILE = "/etc/port"', 'HOST = "::"', '[server]', 'port = 1'].join('\n'));
    const { values, problems } = read(path);
    expect(values).toEqual({ HOST: '::' });
    expect(problems).toEqual([`unknown setting "PROT" (in ${path})`, `unknown setting "PORT_FILE" (in ${path})`, `unknown setting "server" (in ${path})`]);
  });

  it('says where a file does not parse, never quoting the line (it may hold a secret)', () => {
    const toml = file('broken.toml', 'PORT = 8080\nKEYWARD_SECRET = "s3cret-value-that-must-not-show\n');
    expect(read(toml).problems).toEqual([`the config file is not valid TOML at line 2, column 50: ${toml}`]);
    const json = file('broken.json', '{\n  "PORT": 8080,\n  "KEYWARD_SECRET": s3cret-value-that-must-not-show\n}');
    const { problems } = read(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the config file is not valid JSON( at line 3, column \d+)?: /);
    expect(problems.join()).not.toContain('s3cret');
  });

  it('refuses a file it cannot read, of another kind, or that is not an object of settings', () => {
    expect(read(join(dir, 'missing.toml')).problems).toEqual([`the config file cannot be read (ENOENT): ${join(dir, 'missing.toml')}`]);
    const yaml = file('keyward.yaml', 'PORT: 8080\n');
    expect(read(yaml).problems).toEqual([`the config file must end in .toml or .json: ${yaml}`]);
    const list = file('list.json', '[{"PORT": 8080}]');
    expect(read(list).problems).toEqual([`the config file must hold an object of settings: ${list}`]);
  });
});
