import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '../../packaging/sea.ts';
import { createKeyWith, signIn } from '../support/api-client.ts';
import { exerciseInstalledKeyward, serve } from '../support/installed-keyward.ts';
import { startOtlpReceiver } from '../support/otlp-receiver.ts';
import { ADMIN, type TestServer } from '../support/test-server.ts';

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

  const tracedDir = mkdtempSync(join(tmpdir(), 'keyward-binary-traced-'));
  afterAll(() => {
    for (const folder of [dir, tracedDir]) rmSync(folder, { recursive: true, force: true });
  });

  it('alone in an empty folder: migrates, makes an admin, serves the API and the dashboard from itself, runs remote commands and backups, and exits 0 on SIGTERM', { timeout: 180_000 }, async () => {
    expect(readdirSync(dir)).toEqual(['keyward']);
    // No Node and no node_modules to lean on: only the system's own folders on PATH.
    await exerciseInstalledKeyward({ command: binary, cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: dir } });
    expect(readdirSync(dir).sort()).toEqual(['data', 'keyward', 'keyward-backup.db']);
  });

  it('traces from itself too: OpenTelemetry is inside, loaded when OTEL_EXPORTER_OTLP_ENDPOINT is set', { timeout: 120_000 }, async () => {
    const receiver = await startOtlpReceiver();
    try {
      const server = await serve({
        command: binary,
        cwd: tracedDir,
        env: { PATH: '/usr/bin:/bin', HOME: tracedDir, KEYWARD_ADMIN_USERNAME: ADMIN.username, KEYWARD_ADMIN_PASSWORD: ADMIN.password, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      });
      const session = await signIn({ url: server.url } as TestServer);
      const { token } = await createKeyWith(session.client);
      const verified = await fetch(`${server.url}/v1/keys/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: token }) });
      expect(((await verified.json()) as { valid: boolean }).valid).toBe(true);
      // SIGTERM sends the spans still held before the process ends.
      server.child.kill('SIGTERM');
      expect(await server.exited, server.output()).toBe(0);
      const spans = receiver.spans();
      expect(spans.map((span) => span.name)).toContain('POST /v1/keys/verify');
      expect(spans.some((span) => span.attributes['db.system.name'] === 'sqlite' || span.attributes['db.system'] === 'sqlite'), 'a store query span').toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
