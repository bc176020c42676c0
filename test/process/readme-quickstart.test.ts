import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/keyward-process.ts';

const root = join(import.meta.dirname, '..', '..');


async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not become healthy');
}

describe('README quick start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-readme-'));
  let url = '';
  let server: ReturnType<typeof spawn>;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // The server as `npm start` runs it, with the admin the README's start command sets.
    server = spawn(process.execPath, ['src/server.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: `file:${join(dir, 'keyward.db')}`,
        KEYWARD_ADMIN_USERNAME: 'admin',
        KEYWARD_ADMIN_PASSWORD: 'change-me-now-please',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => (output += chunk));
    server.stderr?.on('data', (chunk) => (output += chunk));
    await waitForHealth(url);
  });

  afterAll(() => {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('works when pasted into a shell', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.match(/<!-- quickstart:begin -->\n```bash\n([\s\S]*?)```\n<!-- quickstart:end -->/)?.[1];
    expect(block, 'the quick start block is in the README').toBeTruthy();
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block!], { env: { ...process.env, KEYWARD_URL: url }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const last = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ valid: true, code: 'VALID', permissions: ['feedback.write'] });
    expect(output).not.toMatch(/"level":50/);
  });

  it("runs the customers' block after it: an identity's key verifies with its name and limits, a portal link works once", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const blocks = ['quickstart', 'customers'].map((name) => readme.match(new RegExp(`<!-- ${name}:begin -->\n\`\`\`bash\n([\\s\\S]*?)\`\`\`\n<!-- ${name}:end -->`))?.[1]);
    expect(blocks.every(Boolean), 'both blocks are in the README').toBe(true);
    // The quick start again (a new project, group and key) so the block finds its variables;
    // its last answer ends without a newline.
    const script = blocks.join('\necho\n').replace('"name":"Feedback API","keyPrefix":"fb"', '"name":"Customers API","keyPrefix":"cu"').replace('"name":"feedback-writers"', '"name":"customer-writers"');
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, KEYWARD_URL: url }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-2)!)).toMatchObject({
      code: 'VALID',
      identity: { externalId: 'acme-corp', meta: { plan: 'pro' } },
      ratelimits: [{ name: 'requests', remaining: 99 }, { name: 'tokens', remaining: 49_750 }],
    });
    expect(lines.at(-1)).toBe('303 410');
  });

  it('generated the server secret into the data directory, readable by its owner only', () => {
    const mode = statSync(join(dir, 'secret')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(readFileSync(join(dir, 'secret'), 'utf8').length).toBeGreaterThanOrEqual(32);
  });
});
