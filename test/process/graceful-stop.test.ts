import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { killChild, prepareDatabase, startChildServer, type ChildServer } from '../support/child-server.ts';
import { RawConnection, type ParsedResponse } from '../support/raw-http.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An HTTP/1.1 request as bytes (keep-alive, the default), split where the test wants. */
function request(method: string, path: string, headers: Record<string, string>, body?: unknown): string {
  const text = body === undefined ? '' : JSON.stringify(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`);
  return `${lines.join('\r\n')}\r\n\r\n${text}`;
}

/** Whether a connection is refused now (the listening socket is closed). */
async function refusesConnections(url: string): Promise<boolean> {
  try {
    (await RawConnection.open(url)).destroy();
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
  }
}

describe('graceful stop on SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-stop-'));
  const dbPath = join(dir, 'keyward.db');
  let server: ChildServer | undefined;

  afterAll(async () => {
    await killChild(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers in full every request already received, closes idle keep-alives, flushes usage, closes the database and exits 0 within 10 s', { timeout: 60_000 }, async () => {
    const { projectId, issued, cookie, csrfToken } = await prepareDatabase(dbPath, async (admin, signedIn) => {
      const project = (await admin.post('/v1/projects', { name: 'Stop', keyPrefix: 'st' })).body.id as string;
      const keys: { id: string; token: string }[] = [];
      for (let i = 0; i < 20; i++) {
        const key = await admin.post('/v1/keys', { projectId: project, name: `verified ${i}` });
        keys.push({ id: key.body.key.id, token: key.body.token });
      }
      return { projectId: project, issued: keys, ...signedIn };
    });
    server = await startChildServer({ dbPath });
    const { url } = server;
    const session = { Cookie: cookie, 'X-CSRF-Token': csrfToken };

    // Idle keep-alive connections: each has had its answer and waits, open.
    const idle = await Promise.all(Array.from({ length: 5 }, () => RawConnection.open(url)));
    for (const connection of idle) {
      await connection.write(request('GET', '/healthz', {}));
      expect((await connection.response()).status).toBe(200);
    }
    // Requests the server has received whole: verifications (usage to flush) and full list pages.
    const verifying = await Promise.all(issued.map(() => RawConnection.open(url)));
    const listing = await Promise.all(Array.from({ length: 8 }, () => RawConnection.open(url)));
    // Requests whose body is still on its way when the signal comes.
    const creating = await Promise.all(Array.from({ length: 5 }, () => RawConnection.open(url)));
    const creates = creating.map((_, i) => request('POST', '/v1/keys', session, { projectId, name: `created during shutdown ${i}`, description: 'x'.repeat(200) }));
    // A client that starts a request and never finishes it.
    const stalled = await RawConnection.open(url);

    await Promise.all([
      ...verifying.map((connection, i) => connection.write(request('POST', '/v1/keys/verify', {}, { key: issued[i]!.token }))),
      ...listing.map((connection) => connection.write(request('GET', `/v1/keys?projectId=${projectId}&limit=100`, { Cookie: cookie }))),
      ...creating.map((connection, i) => connection.write(creates[i]!.slice(0, creates[i]!.length - 120))),
      stalled.write(`${request('POST', '/v1/projects', session).replace('\r\n\r\n', '\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n')}{"name":`),
    ]);
    // Every byte above has reached the server's host (the kernel took it); much of it is not
    // yet read, and some connections not yet accepted, when the signal comes.
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    // It soon stops accepting, while it still owes answers (the bodies below are unfinished).
    const refusing = Date.now() + 5000;
    while (!(await refusesConnections(url)) && Date.now() < refusing) await sleep(25);
    expect(await refusesConnections(url), 'a new connection after SIGTERM is refused').toBe(true);
    // The idle keep-alive connections are closed, not left to hold the process.
    await Promise.race([Promise.all(idle.map((connection) => connection.closed)), sleep(3000)]);
    expect(idle.filter((connection) => !connection.isClosed)).toHaveLength(0);
    expect(creating.filter((connection) => connection.isClosed), 'a request still arriving is not cut off').toHaveLength(0);

    // The rest of the bodies arrives after the signal; those requests were already received.
    await Promise.all(creating.map((connection, i) => connection.write(creates[i]!.slice(creates[i]!.length - 120))));

    const answers = async (connections: RawConnection[]) => Promise.all(connections.map((connection) => connection.response()));
    const verified: ParsedResponse[] = await answers(verifying);
    const lists = await answers(listing);
    const created = await answers(creating);
    const answeredAt = Date.now();
    for (const [i, response] of verified.entries()) {
      expect(response.status, response.body).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ valid: true, code: 'VALID', keyId: issued[i]!.id });
    }
    for (const response of lists) {
      expect(response.status, response.body).toBe(200);
      // A whole page: the body parses and holds every key.
      expect(JSON.parse(response.body).items).toHaveLength(20);
    }
    const tokens: string[] = [];
    for (const response of created) {
      expect(response.status, response.body).toBe(201);
      tokens.push(JSON.parse(response.body).token);
    }
    expect(answeredAt - signalledAt, 'the owed answers came before the deadline, not cut by it').toBeLessThan(7000);

    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }, server.output()).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt, 'exited within 10 s despite a client that never finished').toBeLessThan(10_000);
    await stalled.closed;
    expect(server.output()).not.toMatch(/"level":(50|60)/);

    // The database was closed cleanly: SQLite removes the WAL when its last connection closes.
    expect(existsSync(`${dbPath}-wal`), 'the WAL is gone, so every connection was closed').toBe(false);
    const db = new DatabaseSync(dbPath, { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      const used = db.prepare(`SELECT id, last_used_at FROM keys WHERE project_id = ? AND name LIKE 'verified %'`).all(projectId) as { id: string; last_used_at: string | null }[];
      expect(used).toHaveLength(20);
      expect(used.filter((row) => row.last_used_at === null), 'every verification before the stop has its lastUsedAt').toEqual([]);
      const counted = db.prepare(`SELECT COALESCE(SUM(count), 0) AS n FROM usage_counts WHERE granularity = 'minute' AND outcome = 'VALID' AND key_id IN (SELECT id FROM keys WHERE project_id = ? AND name LIKE 'verified %')`).get(projectId) as { n: number };
      expect(counted.n, 'every verification before the stop is counted in the usage analytics').toBe(20);
      const during = db.prepare(`SELECT COUNT(*) AS n FROM keys WHERE name LIKE 'created during shutdown %'`).get() as { n: number };
      expect(during.n).toBe(5);
    } finally {
      db.close();
    }

    // The keys created while stopping work after a restart.
    await prepareDatabase(dbPath, async (admin) => {
      for (const token of tokens) expect((await admin.post('/v1/keys/verify', { key: token })).body).toMatchObject({ valid: true, code: 'VALID' });
    });
  });
});
