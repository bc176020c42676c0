import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '../../packaging/sea.ts';
import { exerciseInstalledKeyward } from '../support/installed-keyward.ts';

// Building the executable takes tens of seconds on a busy machine (a 150 MB copy of Node with
// the bundle injected); an unchanged build is reused (packaging/sea.ts keeps a source hash).
const BUILD = { timeout: 600_000 };

describe('the single executable (npm run package)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-binary-'));
  let binary = '';

  beforeAll(async () => {
    // `npm test` builds the dashboard first (pretest), which the executable carries.
    binary = join(dir, 'keyward');
    copyFileSync(await buildExecutable(), binary);
  }, BUILD.timeout);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('alone in an empty folder: migrates, makes an admin, serves the API and the dashboard from itself, runs remote commands and backups, and exits 0 on SIGTERM', { timeout: 180_000 }, async () => {
    expect(readdirSync(dir)).toEqual(['keyward']);
    // No Node and no node_modules to lean on: only the system's own folders on PATH.
    await exerciseInstalledKeyward({ command: binary, cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: dir } });
    expect(readdirSync(dir).sort()).toEqual(['data', 'keyward', 'keyward-backup.db']);
  });
});
