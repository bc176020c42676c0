import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/api-client.ts';
import { runCommands } from '../support/authorization-model/commands.ts';
import { runSeed, setupRun } from '../support/authorization-model/seed.ts';
import type { World } from '../support/authorization-model/world.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Issue #15's model-based property test. Random sequences of management operations by random
 * actors (the root admin, members, management keys with random groups, and every credential
 * those steps obtain) run over real HTTP against one server, and after every step the
 * invariant is checked against a small reference model (test/support/authorization-model):
 * every credential an actor obtained or brought back into use carries nothing the actor did not
 * hold at that moment. Each step also cross-checks the model against the server (the actor's
 * `/v1/auth/me`, the touched key, user or group), so the model cannot drift silently.
 *
 * `KEYWARD_MODEL_RUNS` (default 500) sequences of up to `KEYWARD_MODEL_COMMANDS` (default 15)
 * commands. A failure prints the command that replays it: `KEYWARD_MODEL_SEED` (also the way
 * to explore elsewhere) with `KEYWARD_MODEL_PATH` and `KEYWARD_MODEL_REPLAY_PATH` (the
 * commands' replayPath), which go straight to the shrunk counterexample.
 */
const RUNS = positiveInteger('KEYWARD_MODEL_RUNS', 500);
const COMMANDS = positiveInteger('KEYWARD_MODEL_COMMANDS', 15);
const SEED = Number(process.env.KEYWARD_MODEL_SEED ?? 0x61757468);
const PATH = process.env.KEYWARD_MODEL_PATH;
const REPLAY_PATH = process.env.KEYWARD_MODEL_REPLAY_PATH;

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

describe('authorization: no credential carries more than its maker held (model-based)', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    const root = await signIn(server);
    world = { url: server.url, root: { userId: root.userId, username: ADMIN.username, cookie: root.cookie, csrfToken: root.csrfToken } };
  });
  afterAll(async () => server.close());

  it(`holds over ${RUNS} random sequences of up to ${COMMANDS} operations`, async () => {
    if (!Number.isInteger(SEED)) throw new Error('KEYWARD_MODEL_SEED must be an integer');
    const property = fc.asyncProperty(runSeed, runCommands(COMMANDS, REPLAY_PATH), async (seed, commands) => {
      await fc.asyncModelRun(() => setupRun(world, seed), commands);
    });
    const details = await fc.check(property, { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) });
    if (details.failed) {
      const report = await fc.asyncDefaultReportMessage(details);
      const replayPath = /replayPath="([^"]*)"/.exec(report ?? '')?.[1];
      const replay = `KEYWARD_MODEL_SEED=${details.seed} KEYWARD_MODEL_PATH=${details.counterexamplePath}${replayPath ? ` KEYWARD_MODEL_REPLAY_PATH='${replayPath}'` : ''} npx vitest run --project ${server.store} test/api/authorization-model.test.ts`;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${report}\n\n${cause}\n\nReplay: ${replay}`);
    }
    // A replay (KEYWARD_MODEL_PATH) runs the one case it names.
    if (!PATH) expect(details.numRuns).toBe(RUNS);
  }, Math.max(600_000, RUNS * 2_000));
});
