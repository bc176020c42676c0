import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type IdKind } from '../../src/domain/ids.ts';
import { anyJsonText, anyString, corrupted, corruption, deepJsonText, fromSchema, fuzzParameters, fuzzTimeoutMs, resolveRefs, RowRef } from '../support/arbitraries.ts';
import { signIn } from '../support/api-client.ts';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { managementKey, uniqueName } from '../support/people.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Schema = Record<string, any>;
type Operation = {
  method: string;
  /** The OpenAPI path, e.g. `/v1/keys/{id}`. */
  route: string;
  /** The kind of the `{id}` in the path, if any. */
  idKind?: IdKind;
  query: { name: string; schema: Schema }[];
  body?: Schema;
};

type Auth = 'session' | 'session-without-csrf' | 'bearer' | 'anonymous' | 'unknown-bearer';
const AUTHS = fc.constantFrom<Auth>('session', 'session', 'session', 'bearer', 'bearer', 'anonymous', 'session-without-csrf', 'unknown-bearer');

/** A request the fuzzer made, for the failure message. */
type Sent = { method: string; path: string; auth: Auth; contentType?: string; body?: string | Buffer };

// Authentication touches these as it goes, and usage is written behind; neither is a change
// a refused request made.
const TOUCHED_BY_READS = ['keys.last_used_at', 'sessions.last_seen_at'];
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const RESOURCE_KINDS: Record<string, IdKind> = { projects: 'prj', users: 'usr', groups: 'grp', keys: 'key', audit: 'evt' };

/** Path segments that are not ids: encoded garbage, traversal, invalid UTF-8, NUL. */
const AWKWARD_SEGMENTS = ['%00', '..', '%2e%2e', '%2F', '%E0%A4%A', '%FF', '%C0%AF', '%', '%%', '+', '%20', '~', '*', '.', ';', 'null', '0', '-1', '1e309'];

/** Percent-encodes every byte outside the unreserved set (a lone surrogate becomes U+FFFD). */
function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function operationsOf(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [route, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const idParameter = parameters.find((parameter) => parameter.in === 'path');
      const idKind = idParameter ? (/^\^([a-z]{3})_/.exec(idParameter.schema.pattern ?? '')?.[1] as IdKind | undefined) : undefined;
      operations.push({
        method: method.toUpperCase(),
        route,
        idKind: idParameter ? (idKind ?? RESOURCE_KINDS[route.split('/')[2]!]) : undefined,
        query: parameters.filter((parameter) => parameter.in === 'query').map(({ name, schema }) => ({ name, schema })),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

describe('fuzzing every route: never a 5xx, and a refused request changes nothing', () => {
  let server: TestServer;
  let session: { cookie: string; csrfToken: string };
  let bearer: string;
  let operations: Operation[];
  /** Live ids by kind, which the fuzzer picks from; creates add to it and deletes take away. */
  const pool: Record<string, string[]> = { prj: [], usr: [], grp: [], key: [] };
  /** How many answers of each status the fuzzer saw: proof it reached past validation. */
  const statuses = new Map<number, number>();

  const pick = (kind: string, index: number): string => {
    const ids = pool[kind] ?? [];
    return ids.length > 0 ? ids[index % ids.length]! : newId(kind as IdKind);
  };

  function headersFor(auth: Auth): Record<string, string> {
    switch (auth) {
      case 'session':
        return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      case 'session-without-csrf':
        return { cookie: session.cookie };
      case 'bearer':
        return { authorization: `Bearer ${bearer}` };
      case 'unknown-bearer':
        return { authorization: 'Bearer tk_000000000000000000000000000000' };
      case 'anonymous':
        return {};
    }
  }

  /** Sends one request and checks what every answer must satisfy, keeping the pool in step. */
  async function sendAndCheck(sent: Sent, operation: Operation): Promise<void> {
    // What earlier verifications counted is written behind: written now, so a later flush is
    // not taken for a change this request made.
    const { analytics, usage, limits } = server.app.services;
    await Promise.all([analytics.flush(), usage.flush(), limits.flush()]);
    const before = await snapshotDatabase(server, TOUCHED_BY_READS);
    const headers = headersFor(sent.auth);
    if (sent.body !== undefined) headers['content-type'] = sent.contentType ?? 'application/json';
    const response = await fetch(server.url + sent.path, { method: sent.method, headers, body: sent.body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const what = `${sent.method} ${sent.path} as ${sent.auth} (${sent.contentType ?? 'application/json'}) ${String(sent.body ?? '').slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`;
    expect(response.status, what).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.headers.get('content-type') ?? '', what).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(text) as { status: number; code: string; detail: string };
      expect(problem.status, what).toBe(response.status);
      expect(problem.code, what).toMatch(UPPER_SNAKE);
      expect(problem.detail.trim(), what).not.toBe('');
      expect(await snapshotDatabase(server, TOUCHED_BY_READS), `a refused request changed the database: ${what}`).toEqual(before);
      return;
    }
    // Keep the pool of live rows in step, so later requests name rows that exist.
    const kind = operation.idKind ?? RESOURCE_KINDS[operation.route.split('/')[2]!];
    if (!kind || !pool[kind]) return;
    if (response.status === 201 && operation.method === 'POST' && !operation.idKind) {
      const body = JSON.parse(text) as { id?: string; key?: { id: string } };
      const id = body.key?.id ?? body.id;
      if (id) pool[kind]!.push(id);
    }
    if (response.status === 204 && operation.method === 'DELETE') {
      const id = decodeURIComponent(sent.path.split('/')[3]!.split('?')[0]!);
      pool[kind] = pool[kind]!.filter((live) => live !== id);
      // Deleting a project or user with force deletes keys too; forget ids that are gone.
      if (kind !== 'key') pool.key = [];
    }
  }

  function pathOf(operation: Operation, id: string | undefined, query = ''): string {
    const path = operation.idKind && id !== undefined ? operation.route.replace('{id}', id) : operation.route;
    return query ? `${path}?${query}` : path;
  }

  /** A real id, a well-formed unknown one, or something that is no id at all. */
  const idArbitrary = (kind: IdKind) =>
    fc.oneof(
      { arbitrary: fc.nat({ max: 50 }).map((index) => new RowRef(kind, index)), weight: 4 },
      { arbitrary: fc.constant(null).map(() => newId(kind)), weight: 1 },
      { arbitrary: anyString.map(percentEncode), weight: 2 },
      { arbitrary: fc.constantFrom(...AWKWARD_SEGMENTS), weight: 1 },
    );
  const resolveId = (id: string | RowRef) => (id instanceof RowRef ? pick(id.kind, id.index) : id);

  /** Auth for an operation; the fuzzer never signs itself out. */
  const authFor = (operation: Operation, auth: Auth): Auth =>
    operation.route === '/v1/auth/logout' && auth.startsWith('session') ? 'anonymous' : auth;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await signIn(server);
    session = { cookie: admin.cookie, csrfToken: admin.csrfToken };
    // The fuzzer's own key, in a project the pool does not hold, so it cannot delete itself.
    bearer = (await managementKey(server, admin.client, ['*'])).token;
    for (let i = 0; i < 2; i++) {
      const project = await admin.client.post('/v1/projects', { name: `Fuzz ${i}`, keyPrefix: `fz${i}` });
      const group = await admin.client.post('/v1/groups', { name: uniqueName('fuzz'), permissions: ['keys.read', `fuzz.${i}`] });
      const user = await admin.client.post('/v1/users', { username: uniqueName('fuzz'), role: 'member', groupIds: [group.body.id] });
      pool.prj!.push(project.body.id);
      pool.grp!.push(group.body.id);
      pool.usr!.push(user.body.id);
      for (let k = 0; k < 2; k++) {
        const key = await admin.client.post('/v1/keys', { projectId: project.body.id, name: `fuzz key ${k}`, ownerId: user.body.id, groupIds: [group.body.id] });
        pool.key!.push(key.body.key.id);
      }
    }
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    operations = operationsOf(document);
  });
  afterAll(async () => server.close());

  it('knows every route /openapi.json describes, with a body schema for every write', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const withBody = operations.filter((operation) => operation.body).map((operation) => `${operation.method} ${operation.route}`);
    for (const route of ['POST /v1/auth/login', 'POST /v1/projects', 'PATCH /v1/projects/{id}', 'POST /v1/users', 'PATCH /v1/users/{id}', 'POST /v1/groups', 'PATCH /v1/groups/{id}', 'POST /v1/keys', 'PATCH /v1/keys/{id}', 'POST /v1/keys/{id}/regenerate', 'POST /v1/keys/verify']) {
      expect(withBody).toContain(route);
    }
  });

  it('any JSON of any shape (unicode, huge numbers, duplicate and prototype keys, deep nesting) to every route that takes a body', { timeout: fuzzTimeoutMs() }, async () => {
    const bodyOperations = operations.filter((operation) => operation.body);
    const property = fc.asyncProperty(
      fc.constantFrom(...bodyOperations),
      fc.oneof({ arbitrary: anyJsonText, weight: 4 }, { arbitrary: deepJsonText, weight: 1 }),
      AUTHS,
      fc.nat({ max: 50 }),
      async (operation, body, auth, index) => {
        const id = operation.idKind ? pick(operation.idKind, index) : undefined;
        await sendAndCheck({ method: operation.method, path: pathOf(operation, id), auth: authFor(operation, auth), body }, operation);
      },
    );
    await fc.assert(property, fuzzParameters(200));
  });

  it('bodies close to each route\'s schema, whole or spoiled one field at a time', { timeout: fuzzTimeoutMs() }, async () => {
    const bodyOperations = operations.filter((operation) => operation.body);
    const cases = fc.constantFrom(...bodyOperations).chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        body: fromSchema(operation.body!),
        spoil: corruption,
        id: operation.idKind ? idArbitrary(operation.idKind) : fc.constant(undefined),
        auth: AUTHS,
      }),
    );
    const property = fc.asyncProperty(cases, async ({ operation, body, spoil, id, auth }) => {
      const resolved = corrupted(resolveRefs(body, pick), spoil);
      const path = pathOf(operation, id === undefined ? undefined : resolveId(id));
      await sendAndCheck({ method: operation.method, path, auth: authFor(operation, auth), body: JSON.stringify(resolved) }, operation);
    });
    await fc.assert(property, fuzzParameters(200));
  });

  it('ids and query strings of every route: real, unknown, malformed, repeated, unexpected', { timeout: fuzzTimeoutMs() }, async () => {
    const cases = fc.constantFrom(...operations).chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        id: operation.idKind ? idArbitrary(operation.idKind) : fc.constant(undefined),
        query: fc.array(
          fc.oneof(
            ...(operation.query.length > 0
              ? [fc.constantFrom(...operation.query).chain((parameter) => fc.tuple(fc.constant(parameter.name), fc.oneof(fromSchema(parameter.schema), anyString)))]
              : []),
            fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor', 'force', 'q', 'status', '__proto__', 'constructor[prototype]', 'a[b]'), anyString), anyString),
          ),
          { maxLength: 5 },
        ),
        body: operation.body ? fromSchema(operation.body) : fc.constant(undefined),
        auth: AUTHS,
      }),
    );
    const property = fc.asyncProperty(cases, async ({ operation, id, query, body, auth }) => {
      const text = query
        .flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => [name, item] as const) : [[name, value] as const]))
        .map(([name, value]) => `${percentEncode(name)}=${percentEncode(String(resolveRefs(value, pick)))}`)
        .join('&');
      const path = pathOf(operation, id === undefined ? undefined : resolveId(id), text);
      const sent = body === undefined ? undefined : JSON.stringify(resolveRefs(body, pick));
      await sendAndCheck({ method: operation.method, path, auth: authFor(operation, auth), body: sent }, operation);
    });
    await fc.assert(property, fuzzParameters(200));
  });

  it('wrong content types, encodings and raw bytes to every route that takes a body', { timeout: fuzzTimeoutMs() }, async () => {
    const bodyOperations = operations.filter((operation) => operation.body);
    const contentType = fc.oneof(
      fc.constantFrom(
        'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
        'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json;charset=UTF-8', 'APPLICATION/JSON',
        'application/vnd.api+json', 'application/problem+json', 'application/json, text/plain', 'application/json; boundary=";"',
        'application/octet-stream', 'json', '*/*', '', ' ', 'application/', '/json',
      ),
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789/;=+-. '.split('')), maxLength: 40 }),
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
      anyJsonText,
      fc.constantFrom('\uFEFF{}', '{"a":1}\u0000', 'a=1&b=2', '<xml/>', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'),
      fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
    );
    const property = fc.asyncProperty(fc.constantFrom(...bodyOperations), contentType, body, AUTHS, fc.nat({ max: 50 }), async (operation, type, payload, auth, index) => {
      const id = operation.idKind ? pick(operation.idKind, index) : undefined;
      await sendAndCheck({ method: operation.method, path: pathOf(operation, id), auth: authFor(operation, auth), contentType: type, body: payload }, operation);
    });
    await fc.assert(property, fuzzParameters(150));
  });

  it('is still healthy, logged no unhandled error, and its database is intact', async () => {
    const count = (test: (status: number) => boolean) => [...statuses].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);
    // Both sides were exercised: refusals of every kind, and changes that went through.
    expect(count((status) => status >= 200 && status < 300), JSON.stringify([...statuses])).toBeGreaterThan(50);
    for (const status of [400, 401, 403, 404, 415]) expect(statuses.get(status) ?? 0, `no ${status} seen: ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const errors = server.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(server.dbPath, { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
