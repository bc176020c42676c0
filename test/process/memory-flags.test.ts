import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB } from '../../src/runtime/young-generation.ts';
import { startKeywardProcess } from '../support/keyward-process.ts';
import { TEST_SECRET } from '../support/test-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'keyward-memory-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SLOW = { timeout: 60_000 };

/** The command line the kernel has for a process now (after any execve). */
const commandLineOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

describe('the server process bounds its young generation (issue #20, peak RSS)', () => {
  it('runs, under the pid it was started with, with the semi-space bound', SLOW, async () => {
    const keyward = await startKeywardProcess({ DATABASE_URL: `file:${join(dir, 'a.db')}`, KEYWARD_SECRET: TEST_SECRET });
    try {
      expect(commandLineOf(keyward.child.pid!)).toContain(`--max-semi-space-size=${SEMI_SPACE_MB}`);
      expect((await fetch(`${keyward.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await keyward.stop()).toBe(0);
    }
  });

  it("keeps the operator's own bound", SLOW, async () => {
    const keyward = await startKeywardProcess({ DATABASE_URL: `file:${join(dir, 'b.db')}`, KEYWARD_SECRET: TEST_SECRET }, ['--max-semi-space-size=4']);
    try {
      const commandLine = commandLineOf(keyward.child.pid!);
      expect(commandLine).toContain('--max-semi-space-size=4');
      expect(commandLine.filter((arg) => arg.startsWith('--max-semi-space-size'))).toHaveLength(1);
    } finally {
      await keyward.stop();
    }
  });
});
