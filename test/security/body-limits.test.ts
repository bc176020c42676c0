import { describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

// src/app.ts: management bodies are small, so 128 KiB is plenty and refusing more is cheap.
const LIMIT = 128 * 1024;

/** A JSON object of exactly `bytes` bytes: `fields` plus a padding field that makes up the rest. */
function bodyOf(bytes: number, fields: Record<string, unknown>): string {
  const head = JSON.stringify({ ...fields, pad: '' });
  const body = `${head.slice(0, -2)}${'p'.repeat(bytes - head.length)}"}`;
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

describe('body size limit: 128 KiB on every route, refused before it is read', () => {
  let server: TestServer;
  let headers: Record<string, string>;
  withServerAndAdmin((started) => {
    ({ server } = started);
    const { session } = started;
    headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
  });

  it.each([
    ['POST /v1/projects (signed in)', '/v1/projects', { name: 'big' }],
    ['POST /v1/keys/verify (public)', '/v1/keys/verify', { key: 'tk_x' }],
    ['POST /v1/auth/login (public)', '/v1/auth/login', { username: 'admin', password: 'x' }],
  ])('%s: a body of exactly the limit is read (and refused for its content), one byte more is 413', async (_label, path, fields) => {
    const before = await snapshotDatabase(server, ['sessions.last_seen_at']);
    const atLimit = await fetch(server.url + path, { method: 'POST', headers, body: bodyOf(LIMIT, fields) });
    expect(atLimit.status).toBe(400);
    expect(((await atLimit.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const over = await fetch(server.url + path, { method: 'POST', headers, body: bodyOf(LIMIT + 1, fields) });
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await over.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await snapshotDatabase(server, ['sessions.last_seen_at'])).toEqual(before);
  });
});
