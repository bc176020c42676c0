import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseInstalledKeyward } from '../support/installed-keyward.ts';

const root = join(import.meta.dirname, '..', '..');
// npm pack builds the dashboard and the bundle first (prepack); npm install fetches the
// production dependencies (from npm's cache when it has them). Tens of seconds on a busy machine.
const SLOW = { timeout: 600_000 };

/** Runs npm with this Node first on PATH (npm runs `prepack` with the `node` it finds). */
function npm(args: string[], cwd: string): string {
  const run = spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` } });
  expect(run.status, `npm ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

/** The file names a tarball holds, from `npm pack --json` (after what prepack printed). */
function packed(stdout: string): { filename: string; files: string[] } {
  const [report] = JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as { filename: string; files: { path: string }[] }[];
  return { filename: report!.filename, files: report!.files.map((file) => file.path) };
}

describe('the npm packages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-npm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keyward: npm pack, then npm install -g into an empty prefix gives a keyward command with the dashboard and no dev dependencies, which serves and stops like the executable', SLOW, async () => {
    const tarball = packed(npm(['pack', '--json', '--pack-destination', dir], root));
    expect(tarball.files).toContain('bin/keyward.js');
    expect(tarball.files).toContain('dist/keyward.mjs');
    expect(tarball.files).toContain('web/dist/index.html');
    expect(tarball.files.filter((path) => path.startsWith('src/') || path.endsWith('.ts') || path.endsWith('.map'))).toEqual([]);

    const prefix = join(dir, 'prefix');
    mkdirSync(prefix);
    // npm's cache first: the registry is asked only for what it does not hold.
    npm(['install', '--global', '--prefer-offline', '--prefix', prefix, join(dir, tarball.filename)], dir);
    const installed = join(prefix, 'lib', 'node_modules', 'keyward');
    const dependencies = readdirSync(join(installed, 'node_modules'));
    for (const development of ['vite', 'vitest', 'typescript', 'react', 'rolldown', 'node', '@keyward']) expect(dependencies).not.toContain(development);
    expect(existsSync(join(installed, 'web', 'dist', 'index.html'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.engines.node).toBe('>=26');

    const work = join(dir, 'work');
    mkdirSync(work);
    // The bin runs with the `node` on PATH, which must be Node 26 (package.json "engines").
    await exerciseInstalledKeyward({ command: join(prefix, 'bin', 'keyward'), cwd: work, env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: work } });
  });

  it('@keyward/sdk: packs on its own with its JavaScript and type declarations, and installs and loads without the repository', SLOW, async () => {
    const tarball = packed(npm(['pack', '--json', '--pack-destination', dir, '--workspace', '@keyward/sdk'], root));
    for (const entry of ['index', 'express', 'fastify', 'hono']) {
      expect(tarball.files).toContain(`dist/${entry}.js`);
      expect(tarball.files).toContain(`dist/${entry}.d.ts`);
    }
    expect(tarball.files.filter((path) => path.startsWith('src/'))).toEqual([]);

    const project = join(dir, 'sdk-user');
    mkdirSync(project);
    npm(['install', '--prefer-offline', join(dir, tarball.filename)], project);
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', "const sdk = await import('@keyward/sdk'); console.log(typeof sdk.createKeywardClient)"], { cwd: project, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe('function');
  });
});
