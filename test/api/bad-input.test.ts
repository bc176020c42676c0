import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import { createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { uniqueName } from '../support/people.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type World, type Body, type BodyRoute, BODY_ROUTES, ID_ROUTES, BAD_IDS, UNROUTABLE_IDS, LIST_ROUTES, base64url, BAD_PAGING } from './bad-input-routes.ts';

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
        const real = { prj: w.projectId, usr: w.userId, grp: w.groupId, key: w.keyId, idt: w.identityId }[route.kind];
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
    ['GET /v1/identities: a NUL in the search', 'GET', () => '/v1/identities?q=ab%00c', undefined, '/q'],
    ['GET /v1/keys: a NUL in externalId', 'GET', () => '/v1/keys?externalId=ab%00c', undefined, '/externalId'],
    ['POST /v1/keys: a NUL in externalId', 'POST', () => '/v1/keys', json((w) => ({ projectId: w.projectId, externalId: 'a\u0000' })), '/externalId'],
    ['PATCH /v1/identities/{id}: a NUL in a meta value', 'PATCH', (w) => `/v1/identities/${w.identityId}`, json(() => ({ meta: { plan: 'a\u0000' } })), '/meta/plan'],
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
    const identity = await admin.client.post('/v1/identities', { externalId: uniqueName('bad') });
    world = { projectId: project.body.id, userId: user.body.id, groupId: group.body.id, keyId, identityId: identity.body.id };
    // Fill every list past one page so cursors and limits matter.
    for (let i = 0; i < 3; i++) {
      await admin.client.post('/v1/projects', { name: `Filler ${i}` });
      await admin.client.post('/v1/identities', { externalId: uniqueName('filler') });
    }
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
