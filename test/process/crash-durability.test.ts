import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { killChild, prepareDatabase, startChildServer, type ChildServer } from '../support/child-server.ts';

/** What a key looks like as far as its client knows: acknowledged, and possibly changed by a request in flight. */
type KeyState = { name: string; description: string; enabled: boolean; token: string; deleted: boolean };
type Tracked = {
  id: string;
  acked: KeyState;
  /** The change sent but not answered when the server died: it may or may not have happened, but whole. */
  pending?: { kind: 'patch'; to: Partial<KeyState> } | { kind: 'regenerate' } | { kind: 'delete' };
};
type ClientLog = { keys: Tracked[]; acknowledged: number; unansweredCreates: string[]; inFlight: boolean };

const TRAFFIC_MS = 2500;
const CLIENTS = 4;

/** A seeded choice, so a failing run can be read again in the same order. */
function chooser(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * One client creating, editing, regenerating, deleting and verifying its own keys, one request
 * at a time, until the server dies. It records only what the server acknowledged, and the one
 * change in flight when the connection broke.
 */
async function runClient(client: ApiClient, anonymous: ApiClient, number: number, projectId: string, groupId: string, log: ClientLog): Promise<void> {
  const random = chooser(number + 1);
  for (let n = 0; ; n++) {
    const live = log.keys.filter((key) => !key.acked.deleted);
    const roll = random();
    log.inFlight = true;
    try {
      if (live.length === 0 || roll < 0.3) {
        const name = `client ${number} key ${n}`;
        log.unansweredCreates.push(name);
        const created = await client.post('/v1/keys', { projectId, name, description: `made by ${number}`, groupIds: [groupId], meta: { client: number, n } });
        expect(created.status, created.text).toBe(201);
        log.unansweredCreates.pop();
        log.keys.push({ id: created.body.key.id, acked: { name, description: `made by ${number}`, enabled: true, token: created.body.token, deleted: false } });
      } else {
        const key = live[Math.floor(random() * live.length)]!;
        if (roll < 0.6) {
          const to = random() < 0.5 ? { name: `${key.acked.name}′`, description: `edit ${n}` } : { enabled: !key.acked.enabled };
          key.pending = { kind: 'patch', to };
          const edited = await client.patch(`/v1/keys/${key.id}`, to);
          expect(edited.status, edited.text).toBe(200);
          key.acked = { ...key.acked, ...to };
        } else if (roll < 0.72) {
          key.pending = { kind: 'regenerate' };
          const rotated = await client.post(`/v1/keys/${key.id}/regenerate`, { graceSeconds: 0 });
          expect(rotated.status, rotated.text).toBe(200);
          key.acked = { ...key.acked, token: rotated.body.token };
        } else if (roll < 0.8) {
          key.pending = { kind: 'delete' };
          expect((await client.delete(`/v1/keys/${key.id}`)).status).toBe(204);
          key.acked = { ...key.acked, deleted: true };
        } else {
          // The stream also reads: an acknowledged key verifies at once.
          const result = await anonymous.post('/v1/keys/verify', { key: key.acked.token });
          expect(result.body.code).toBe(key.acked.enabled ? 'VALID' : 'DISABLED');
        }
        key.pending = undefined;
      }
      log.acknowledged += 1;
      log.inFlight = false;
    } catch (error) {
      // The server was killed: this request's fate is unknown. Anything else is a real failure.
      if (error instanceof TypeError && /fetch failed|terminated/.test(error.message)) return;
      throw error;
    }
  }
}

describe('crash durability: SIGKILL in the middle of writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-crash-'));
  const dbPath = join(dir, 'keyward.db');
  let server: ChildServer | undefined;

  afterAll(async () => {
    await killChild(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`loses no acknowledged change of ${CLIENTS} busy clients, half-writes nothing, and every key still verifies after a restart`, { timeout: 90_000 }, async () => {
    const { projectId, groupId, bearer } = await prepareDatabase(dbPath, async (admin) => {
      const project = await admin.post('/v1/projects', { name: 'Crash', keyPrefix: 'cr' });
      const group = await admin.post('/v1/groups', { name: 'crash-readers', permissions: ['crash.read'] });
      const everything = await admin.post('/v1/groups', { name: 'crash-managers', permissions: ['*'] });
      const key = await admin.post('/v1/keys', { projectId: project.body.id, name: 'crash manager', groupIds: [everything.body.id] });
      return { projectId: project.body.id as string, groupId: group.body.id as string, bearer: key.body.token as string };
    });
    server = await startChildServer({ dbPath });
    const client = apiClient(server.url, { bearer });
    const anonymous = apiClient(server.url);

    const logs: ClientLog[] = Array.from({ length: CLIENTS }, () => ({ keys: [], acknowledged: 0, unansweredCreates: [], inFlight: false }));
    const running = logs.map((log, i) => runClient(client, anonymous, i, projectId, groupId, log));
    await new Promise((resolve) => setTimeout(resolve, TRAFFIC_MS));
    const inFlightAtKill = logs.filter((log) => log.inFlight).length;
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    await Promise.all(running);

    const acknowledged = logs.reduce((sum, log) => sum + log.acknowledged, 0);
    const tracked = logs.flatMap((log) => log.keys);
    expect(acknowledged, 'enough traffic to mean something').toBeGreaterThanOrEqual(30);
    expect(inFlightAtKill, 'the kill came while requests were in flight').toBeGreaterThan(0);

    // The file as the crash left it (opening it replays the WAL): sound, and nothing half-written.
    const db = new DatabaseSync(dbPath);
    try {
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      const rows = db.prepare('SELECT id, name FROM keys WHERE project_id = ?').all(projectId) as { id: string; name: string }[];
      for (const row of rows) {
        const secrets = db.prepare('SELECT COUNT(*) AS n FROM key_secrets WHERE key_id = ?').get(row.id) as { n: number };
        const groups = db.prepare('SELECT group_id FROM key_groups WHERE key_id = ?').all(row.id) as { group_id: string }[];
        const created = db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'key.created' AND target_id = ?").get(row.id) as { n: number };
        expect({ key: row.name, secrets: secrets.n > 0, groups: groups.length, audited: created.n }).toEqual({ key: row.name, secrets: true, groups: 1, audited: 1 });
      }
      // Every deletion that happened is whole: the audit entry and the row go together.
      const deletedIds = (db.prepare("SELECT target_id FROM audit_events WHERE action = 'key.deleted'").all() as { target_id: string }[]).map((row) => row.target_id);
      for (const id of deletedIds) expect(rows.find((row) => row.id === id), `deleted ${id} is gone`).toBeUndefined();
      // Every acknowledged key that was not deleted is there; every row is one the clients made
      // (acknowledged, or an unanswered create, which is there whole or not at all).
      for (const key of tracked) {
        if (!key.acked.deleted && key.pending?.kind !== 'delete') expect(rows.some((row) => row.id === key.id), `acknowledged key ${key.acked.name}`).toBe(true);
      }
      const unanswered = new Set(logs.flatMap((log) => log.unansweredCreates));
      for (const row of rows) {
        const known = row.name === 'crash manager' || unanswered.has(row.name) || tracked.some((key) => key.id === row.id && !key.acked.deleted);
        expect(known, `unexpected row ${row.name}`).toBe(true);
      }
    } finally {
      db.close();
    }

    // Restarted on the same file, the service shows every acknowledged change and verifies every key.
    server = await startChildServer({ dbPath });
    const after = apiClient(server.url, { bearer });
    const verifier = apiClient(server.url);
    let verified = 0;
    for (const key of tracked) {
      const shown = await after.get(`/v1/keys/${key.id}`);
      const check = await verifier.post('/v1/keys/verify', { key: key.acked.token });
      const label = `${key.acked.name} (pending ${key.pending?.kind ?? 'nothing'})`;
      if (key.acked.deleted || (key.pending?.kind === 'delete' && shown.status === 404)) {
        expect(shown.status, label).toBe(404);
        expect(check.body.code, label).toBe('NOT_FOUND');
        continue;
      }
      expect(shown.status, label).toBe(200);
      const possible = [key.acked, ...(key.pending?.kind === 'patch' ? [{ ...key.acked, ...key.pending.to }] : [])];
      const state = { name: shown.body.name, description: shown.body.description, enabled: shown.body.enabled };
      expect(possible.map(({ name, description, enabled }) => ({ name, description, enabled })), label).toContainEqual(state);
      if (key.pending?.kind === 'regenerate' && check.body.code === 'NOT_FOUND') {
        // The rotation happened whole: the old token is gone and the key shows a new one.
        expect(`${shown.body.start}…${shown.body.end}`, label).not.toBe(`${key.acked.token.slice(0, shown.body.start.length)}…${key.acked.token.slice(-4)}`);
        continue;
      }
      expect(check.body.code, label).toBe(state.enabled ? 'VALID' : 'DISABLED');
      if (state.enabled) expect(check.body.keyId, label).toBe(key.id);
      verified += 1;
    }
    expect(verified).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
