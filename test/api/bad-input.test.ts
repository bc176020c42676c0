import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import { createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { uniqueName } from '../support/people.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** Real rows for path ids and bodies that refer to them. */
type World = { projectId: string; userId: string; groupId: string; keyId: string };
type Body = Record<string, unknown>;

type BodyRoute = {
  method: 'POST' | 'PATCH';
  route: string;
  path: (world: World) => string;
  /** A body this route accepts, from which the bad ones are made. */
  valid: (world: World) => Body;
  /** Bodies of the right shape but wrong types or values, with the field that must be named. */
  wrong: [Body | ((world: World) => Body), string][];
};

/** Every route that takes a JSON body. */
const BODY_ROUTES: BodyRoute[] = [
  {
    method: 'POST', route: '/v1/auth/login', path: () => '/v1/auth/login',
    valid: () => ({ username: 'admin', password: 'not-the-password' }),
    wrong: [[{ username: 1, password: 'x' }, '/username'], [{ username: 'admin', password: ['x'] }, '/password'], [{ username: 'admin' }, '/password']],
  },
  {
    method: 'POST', route: '/v1/projects', path: () => '/v1/projects',
    valid: () => ({ name: 'Refused project' }),
    wrong: [[{ name: 5 }, '/name'], [{ name: null }, '/name'], [{ name: 'x', keyPrefix: 'UP' }, '/keyPrefix'], [{ name: 'x', keyPrefix: 12 }, '/keyPrefix']],
  },
  {
    method: 'PATCH', route: '/v1/projects/{id}', path: (w) => `/v1/projects/${w.projectId}`,
    valid: () => ({ name: 'Refused rename' }),
    wrong: [[{ name: [] }, '/name'], [{ keyPrefix: 'a' }, '/keyPrefix'], [{ name: '' }, '/name']],
  },
  {
    method: 'POST', route: '/v1/users', path: () => '/v1/users',
    valid: () => ({ username: 'refused-user', role: 'member' }),
    wrong: [
      [{ username: 5, role: 'member' }, '/username'],
      [{ username: 'refused-user', role: 'root' }, '/role'],
      [{ username: 'refused-user', role: 'member', password: 123456789012 }, '/password'],
      [{ username: 'refused-user', role: 'member', groupIds: 'grp' }, '/groupIds'],
      [{ username: 'refused-user', role: 'member', groupIds: ['grp_1'] }, '/groupIds/0'],
    ],
  },
  {
    method: 'PATCH', route: '/v1/users/{id}', path: (w) => `/v1/users/${w.userId}`,
    valid: () => ({ username: 'refused-rename' }),
    wrong: [[{ active: 'false' }, '/active'], [{ username: null }, '/username'], [{ role: 1 }, '/role'], [{ groupIds: [7] }, '/groupIds/0']],
  },
  {
    method: 'POST', route: '/v1/groups', path: () => '/v1/groups',
    valid: () => ({ name: 'refused-group', permissions: [] }),
    wrong: [
      [{ name: 5, permissions: [] }, '/name'],
      [{ name: 'refused-group', permissions: 'keys.read' }, '/permissions'],
      [{ name: 'refused-group', permissions: [true] }, '/permissions/0'],
      [{ name: 'refused-group', permissions: [], description: 3 }, '/description'],
    ],
  },
  {
    method: 'PATCH', route: '/v1/groups/{id}', path: (w) => `/v1/groups/${w.groupId}`,
    valid: () => ({ description: 'refused edit' }),
    wrong: [[{ permissions: [5] }, '/permissions/0'], [{ name: {} }, '/name'], [{ permissions: ['Not Valid'] }, '/permissions/0']],
  },
  {
    method: 'POST', route: '/v1/keys', path: () => '/v1/keys',
    valid: (w) => ({ projectId: w.projectId, name: 'refused key' }),
    wrong: [
      [{ projectId: 5 }, '/projectId'],
      [{ name: 'no project' }, '/projectId'],
      [(w) => ({ projectId: w.projectId, expiresAt: 'tomorrow' }), '/expiresAt'],
      [(w) => ({ projectId: w.projectId, enabled: 'yes' }), '/enabled'],
      [(w) => ({ projectId: w.projectId, ipAllowlist: ['not-an-address'] }), '/ipAllowlist/0'],
      [(w) => ({ projectId: w.projectId, ipAllowlist: '10.0.0.1' }), '/ipAllowlist'],
      [(w) => ({ projectId: w.projectId, meta: [1, 2] }), '/meta'],
      [(w) => ({ projectId: w.projectId, ratelimit: { limit: '10', windowMs: 1000 } }), '/ratelimit'],
      [(w) => ({ projectId: w.projectId, remaining: -1 }), '/remaining'],
      [(w) => ({ projectId: w.projectId, refill: { amount: 10, interval: 'daily' } }), '/refill'],
      [(w) => ({ projectId: w.projectId, refill: { amount: 10, interval: 'hourly' } }), '/refill'],
      [(w) => ({ projectId: w.projectId, groupIds: [w.userId] }), '/groupIds/0'],
      [(w) => ({ projectId: w.projectId, ownerId: w.userId, owner: 'admin' }), '/owner'],
    ],
  },
  {
    method: 'PATCH', route: '/v1/keys/{id}', path: (w) => `/v1/keys/${w.keyId}`,
    valid: () => ({ name: 'refused edit' }),
    wrong: [
      [{ name: 5 }, '/name'],
      [{ enabled: 0 }, '/enabled'],
      [{ expiresAt: 12345 }, '/expiresAt'],
      [{ ipAllowlist: ['300.1.1.1'] }, '/ipAllowlist/0'],
      [{ remaining: 1.5 }, '/remaining'],
      [{ ratelimit: { limit: 10 } }, '/ratelimit'],
      [{ refill: { amount: 5, interval: 'daily' } }, '/refill'],
      [{ projectId: 'prj_x' }, '/projectId'],
    ],
  },
  {
    method: 'POST', route: '/v1/keys/{id}/regenerate', path: (w) => `/v1/keys/${w.keyId}/regenerate`,
    valid: () => ({ graceSeconds: 0 }),
    wrong: [[{ graceSeconds: '60' }, '/graceSeconds'], [{ graceSeconds: -1 }, '/graceSeconds'], [{ graceSeconds: 1.5 }, '/graceSeconds']],
  },
  {
    method: 'POST', route: '/v1/keys/verify', path: () => '/v1/keys/verify',
    valid: () => ({ key: 'tk_not-a-real-token' }),
    wrong: [
      [{ key: 5 }, '/key'],
      [{}, '/key'],
      [{ key: '' }, '/key'],
      [{ key: 'x', projectId: 'nope' }, '/projectId'],
      [{ key: 'x', permissions: 7 }, '/permissions'],
      [{ key: 'x', ip: 'not-an-ip' }, '/ip'],
    ],
  },
];

/** Every route with an id in its path (bodies are valid, so only the id is wrong). */
const ID_ROUTES: { method: string; route: string; kind: 'prj' | 'usr' | 'grp' | 'key'; body?: Body }[] = [
  { method: 'GET', route: '/v1/projects/{id}', kind: 'prj' },
  { method: 'PATCH', route: '/v1/projects/{id}', kind: 'prj', body: { name: 'x' } },
  { method: 'DELETE', route: '/v1/projects/{id}', kind: 'prj' },
  { method: 'GET', route: '/v1/users/{id}', kind: 'usr' },
  { method: 'PATCH', route: '/v1/users/{id}', kind: 'usr', body: { active: false } },
  { method: 'DELETE', route: '/v1/users/{id}', kind: 'usr' },
  { method: 'GET', route: '/v1/groups/{id}', kind: 'grp' },
  { method: 'PATCH', route: '/v1/groups/{id}', kind: 'grp', body: { description: 'x' } },
  { method: 'DELETE', route: '/v1/groups/{id}', kind: 'grp' },
  { method: 'GET', route: '/v1/keys/{id}', kind: 'key' },
  { method: 'PATCH', route: '/v1/keys/{id}', kind: 'key', body: { name: 'x' } },
  { method: 'DELETE', route: '/v1/keys/{id}', kind: 'key' },
  { method: 'POST', route: '/v1/keys/{id}/regenerate', kind: 'key', body: {} },
];

/** Ids of the wrong shape, each made from a real one where that makes the point sharper. */
const BAD_IDS: [string, (real: string, kind: string) => string][] = [
  ['too short', (_real, kind) => `${kind}_123`],
  ['no prefix', (real) => real.slice(4)],
  ['the wrong kind', (real, kind) => `${kind === 'prj' ? 'usr' : 'prj'}${real.slice(3)}`],
  ['upper case', (real) => real.toUpperCase()],
  ['one character too many', (real) => `${real}0`],
  ['a letter outside the alphabet', (real) => `${real.slice(0, -1)}u`],
  ['SQL', (_real, kind) => encodeURIComponent(`${kind}_' OR '1'='1`)],
  ['a path traversal', (_real, kind) => `${kind}_..%2F..%2Fetc%2Fpasswd`],
  ['an encoded NUL', (real) => `${real.slice(0, -1)}%00`],
  ['of 200 characters', (_real, kind) => `${kind}_${'a'.repeat(196)}`],
  ['of 8000 characters', (_real, kind) => `${kind}_${'a'.repeat(7996)}`],
];

/** Ids the router itself refuses before any schema runs: still a 400 problem, without a field. */
const UNROUTABLE_IDS: [string, (real: string, kind: string) => string, string][] = [
  ['with broken percent-encoding', (real) => `${real}%E0%A4%A`, 'BAD_REQUEST'],
];

const LIST_ROUTES: { route: string; kind: 'prj' | 'usr' | 'grp' | 'key' | 'evt' }[] = [
  { route: '/v1/projects', kind: 'prj' },
  { route: '/v1/users', kind: 'usr' },
  { route: '/v1/groups', kind: 'grp' },
  { route: '/v1/keys', kind: 'key' },
  { route: '/v1/audit', kind: 'evt' },
];

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const BAD_PAGING: [string, (kind: string) => string][] = [
  ['a cursor that is not base64', () => 'cursor=%21%21not-a-cursor%21%21'],
  ['a cursor of another list', (kind) => `cursor=${base64url(newId(kind === 'usr' ? 'prj' : 'usr'))}`],
  ['a cursor of a malformed id', (kind) => `cursor=${base64url(`${kind}_IIIIIIIIIIIIIIIIIIIIII`)}`],
  ['a cursor of 201 characters', () => `cursor=${'A'.repeat(201)}`],
  ['limit=0', () => 'limit=0'],
  ['limit=101', () => 'limit=101'],
  ['limit=abc', () => 'limit=abc'],
  ['limit=-1', () => 'limit=-1'],
  ['limit=1.5', () => 'limit=1.5'],
  ['limit= (empty)', () => 'limit='],
  ['an unknown parameter', () => 'sort=name'],
];

const THREE_MB = 3 * 1024 * 1024;

type Case = {
  name: string;
  method: string;
  path: (world: World) => string;
  body?: (world: World) => string;
  contentType?: string;
  status: number;
  code?: string;
  errorPath?: string;
};

function bodyCases(): Case[] {
  const cases: Case[] = [];
  for (const route of BODY_ROUTES) {
    const at = `${route.method} ${route.route}`;
    const common = { method: route.method, path: route.path };
    cases.push(
      { ...common, name: `${at}: malformed JSON`, body: () => '{"name": "unfinished', status: 400, code: 'MALFORMED_JSON' },
      { ...common, name: `${at}: JSON with trailing garbage`, body: (w) => `${JSON.stringify(route.valid(w))} trailing`, status: 400, code: 'MALFORMED_JSON' },
      { ...common, name: `${at}: an empty JSON body`, body: () => '', status: 400 },
      { ...common, name: `${at}: a JSON array`, body: (w) => JSON.stringify([route.valid(w)]), status: 400, code: 'VALIDATION_FAILED' },
      { ...common, name: `${at}: a JSON string`, body: () => '"text"', status: 400, code: 'VALIDATION_FAILED' },
      { ...common, name: `${at}: a __proto__ key`, body: (w) => JSON.stringify(route.valid(w)).replace(/^\{/, '{"__proto__":{"role":"admin"},'), status: 400 },
      { ...common, name: `${at}: an unknown field`, body: (w) => JSON.stringify({ ...route.valid(w), isAdmin: true }), status: 400, code: 'VALIDATION_FAILED', errorPath: '/isAdmin' },
      {
        ...common,
        name: `${at}: a 3 MB body`,
        body: (w) => JSON.stringify({ ...route.valid(w), padding: 'x'.repeat(THREE_MB) }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      { ...common, name: `${at}: text/plain`, body: (w) => JSON.stringify(route.valid(w)), contentType: 'text/plain', status: 415 },
      { ...common, name: `${at}: a form body`, body: () => 'name=x', contentType: 'application/x-www-form-urlencoded', status: 415 },
    );
    route.wrong.forEach(([wrong, field], i) => {
      cases.push({
        ...common,
        name: `${at}: wrong value #${i + 1} for ${field}`,
        body: (w) => JSON.stringify(typeof wrong === 'function' ? wrong(w) : wrong),
        status: 400,
        code: 'VALIDATION_FAILED',
        errorPath: field,
      });
    });
  }
  return cases;
}

function idCases(): Case[] {
  const unroutable: [string, (real: string, kind: string) => string][] = UNROUTABLE_IDS.map(([label, bad]) => [label, bad]);
  return ID_ROUTES.flatMap((route) =>
    [...BAD_IDS, ...unroutable].map(([label, bad]): Case => ({
      name: `${route.method} ${route.route}: an id ${label}`,
      method: route.method,
      path: (w) => {
        const real = { prj: w.projectId, usr: w.userId, grp: w.groupId, key: w.keyId }[route.kind];
        return route.route.replace('{id}', bad(real, route.kind));
      },
      body: route.body ? () => JSON.stringify(route.body) : undefined,
      status: 400,
      ...routerRefusal(label),
    })),
  );
}

function routerRefusal(label: string): Pick<Case, 'code' | 'errorPath'> {
  const unroutable = UNROUTABLE_IDS.find(([name]) => name === label);
  return unroutable ? { code: unroutable[2] } : { code: 'VALIDATION_FAILED', errorPath: '/id' };
}

function pagingCases(): Case[] {
  return LIST_ROUTES.flatMap((list) =>
    BAD_PAGING.map(([label, query]): Case => ({
      name: `GET ${list.route}: ${label}`,
      method: 'GET',
      path: () => `${list.route}?${query(list.kind)}`,
      status: 400,
      code: 'VALIDATION_FAILED',
    })),
  );
}

/** A second that Date.parse cannot read, though ajv-formats takes it as a date-time. */
const LEAP_SECOND = '2026-06-30T23:59:60Z';

/**
 * Values a schema's type allows but no store can take: a leap second (every date ends up in a
 * Date) and the NUL character (PostgreSQL cannot store it; SQLite's full-text search stops at it).
 */
function unstorableCases(): Case[] {
  const json = (body: (w: World) => unknown) => (w: World) => JSON.stringify(body(w));
  const importBody = (entry: Record<string, unknown>) => (w: World) => ({ projectId: w.projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: 'ab'.repeat(32) }, ...entry }] });
  const cases: [string, string, (w: World) => string, ((w: World) => string) | undefined, string][] = [
    ['GET /v1/usage: a leap second in from', 'GET', () => `/v1/usage?from=${LEAP_SECOND}`, undefined, '/from'],
    ['GET /v1/usage: a leap second in to', 'GET', () => `/v1/usage?to=${LEAP_SECOND}`, undefined, '/to'],
    ['GET /v1/keys/{id}/usage: a leap second in from', 'GET', (w) => `/v1/keys/${w.keyId}/usage?from=${LEAP_SECOND}`, undefined, '/from'],
    ['GET /v1/keys: a leap second in expiresBefore', 'GET', (w) => `/v1/keys?projectId=${w.projectId}&expiresBefore=${LEAP_SECOND}`, undefined, '/expiresBefore'],
    ['POST /v1/keys: a leap second in expiresAt', 'POST', () => '/v1/keys', json((w) => ({ projectId: w.projectId, expiresAt: LEAP_SECOND })), '/expiresAt'],
    ['POST /v1/keys/import: a leap second in expiresAt', 'POST', () => '/v1/keys/import', json(importBody({ expiresAt: LEAP_SECOND })), '/keys/0/expiresAt'],
    ['GET /v1/keys: a NUL in the search', 'GET', (w) => `/v1/keys?projectId=${w.projectId}&q=ab%00c`, undefined, '/q'],
    ['GET /v1/keys/{id}: a NUL in the id', 'GET', () => '/v1/keys/key_%00', undefined, '/id'],
    ['POST /v1/projects: a NUL in the name', 'POST', () => '/v1/projects', json(() => ({ name: 'a\u0000b' })), '/name'],
    ['PATCH /v1/keys/{id}: a NUL in a meta value', 'PATCH', (w) => `/v1/keys/${w.keyId}`, json(() => ({ meta: { plan: 'a\u0000' } })), '/meta/plan'],
    ['PATCH /v1/keys/{id}: a NUL in a meta name', 'PATCH', (w) => `/v1/keys/${w.keyId}`, json(() => ({ meta: { 'a\u0000': 1 } })), '/meta/a\u0000'],
    ['POST /v1/keys/import: a NUL in a name', 'POST', () => '/v1/keys/import', json(importBody({ name: '\u0000' })), '/keys/0/name'],
    ['POST /v1/keys/verify: a NUL in a tag', 'POST', () => '/v1/keys/verify', json(() => ({ key: 'bad_x', tags: ['ok', 'a\u0000'] })), '/tags/1'],
  ];
  return cases.map(([name, method, path, body, errorPath]) => ({ name, method, path, body, status: 400, code: 'VALIDATION_FAILED', errorPath }));
}

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

describe('bad input never yields a 5xx and changes nothing', () => {
  let server: TestServer;
  let admin: { cookie: string; csrfToken: string; client: ApiClient };
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server);
    const project = await admin.client.post('/v1/projects', { name: 'Bad input', keyPrefix: 'bad' });
    const user = await admin.client.post('/v1/users', { username: uniqueName('bad'), role: 'member' });
    const group = await admin.client.post('/v1/groups', { name: uniqueName('bad'), permissions: [] });
    const { keyId } = await createKeyWith(admin.client);
    world = { projectId: project.body.id, userId: user.body.id, groupId: group.body.id, keyId };
    // Fill every list past one page so cursors and limits matter.
    for (let i = 0; i < 3; i++) await admin.client.post('/v1/projects', { name: `Filler ${i}` });
  });
  afterAll(async () => server.close());

  it.each([...bodyCases(), ...idCases(), ...pagingCases(), ...unstorableCases()])('$name → $status', async (testCase) => {
    const before = (await snapshotDatabase(server));
    const headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    const body = testCase.body?.(world);
    if (body !== undefined) headers['content-type'] = testCase.contentType ?? 'application/json';
    const response = await fetch(server.url + testCase.path(world), { method: testCase.method, headers, body });
    const text = await response.text();

    expect(response.status, text).toBe(testCase.status);
    expect(response.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { status: number; code: string; detail: string; errors?: { path: string; message: string }[] };
    expect(problem.status).toBe(testCase.status);
    expect(problem.code).toMatch(UPPER_SNAKE);
    if (testCase.code) expect(problem.code).toBe(testCase.code);
    expect(problem.detail.trim().length).toBeGreaterThan(0);
    if (testCase.errorPath) {
      const paths = (problem.errors ?? []).map((error) => error.path);
      expect(paths.some((path) => path === testCase.errorPath || path.startsWith(`${testCase.errorPath}/`)), text).toBe(true);
      for (const error of problem.errors ?? []) expect(error.message.trim()).not.toBe('');
    }
    expect((await snapshotDatabase(server))).toEqual(before);
  });

  it('logged no unhandled error for any of them', () => {
    const errors = server.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
