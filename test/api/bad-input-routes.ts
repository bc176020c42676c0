import { newId } from '../../src/domain/ids.ts';

// The routes and bad values the bad-input suite (bad-input.test.ts) walks through.

/** Real rows for path ids and bodies that refer to them. */
export type World = { projectId: string; userId: string; groupId: string; keyId: string; identityId: string };
export type Body = Record<string, unknown>;

export type BodyRoute = {
  method: 'POST' | 'PATCH';
  route: string;
  path: (world: World) => string;
  /** A body this route accepts, from which the bad ones are made. */
  valid: (world: World) => Body;
  /** Bodies of the right shape but wrong types or values, with the field that must be named. */
  wrong: [Body | ((world: World) => Body), string][];
};

/** Every route that takes a JSON body. */
export const BODY_ROUTES: BodyRoute[] = [
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
      [(w) => ({ projectId: w.projectId, ratelimits: [{ name: 'Bad Name', limit: 1, durationMs: 1000 }] }), '/ratelimits/0/name'],
      [(w) => ({ projectId: w.projectId, ratelimits: [{ name: 'a', limit: 1, durationMs: 1000 }, { name: 'a', limit: 2, durationMs: 1000 }] }), '/ratelimits'],
      [(w) => ({ projectId: w.projectId, ratelimit: { limit: 1, windowMs: 1000 }, ratelimits: [] }), '/ratelimit'],
      [(w) => ({ projectId: w.projectId, identityId: w.identityId, externalId: 'x' }), '/externalId'],
      [(w) => ({ projectId: w.projectId, identityId: w.keyId }), '/identityId'],
      [(w) => ({ projectId: w.projectId, externalId: '' }), '/externalId'],
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
      [{ ratelimits: [{ name: 'ok', limit: 1, durationMs: 500 }] }, '/ratelimits/0/durationMs'],
      [{ ratelimits: Array.from({ length: 11 }, (_, i) => ({ name: `l${i}`, limit: 1, durationMs: 1000 })) }, '/ratelimits'],
      [{ externalId: null }, '/externalId'],
      [(w) => ({ identityId: w.identityId, externalId: 'x' }), '/externalId'],
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
      [{ key: 'x', ratelimits: [{ name: 'Tokens' }] }, '/ratelimits/0/name'],
      [{ key: 'x', ratelimits: [{ name: 'tokens', cost: -1 }] }, '/ratelimits/0/cost'],
      [{ key: 'x', ratelimits: { name: 'tokens' } }, '/ratelimits'],
    ],
  },
  {
    method: 'POST', route: '/v1/identities', path: () => '/v1/identities',
    valid: () => ({ externalId: 'refused-identity' }),
    wrong: [
      [{}, '/externalId'],
      [{ externalId: 7 }, '/externalId'],
      [{ externalId: 'x', meta: 'plan' }, '/meta'],
      [{ externalId: 'x', ratelimits: [{ name: 'ok', limit: 0, durationMs: 1000 }] }, '/ratelimits/0/limit'],
      [{ externalId: 'x', meta: { blob: 'x'.repeat(5000) } }, '/meta'],
      [{ externalId: 'x', refill: { amount: 1, interval: 'daily' } }, '/refill'],
    ],
  },
  {
    method: 'PATCH', route: '/v1/identities/{id}', path: (w) => `/v1/identities/${w.identityId}`,
    valid: () => ({ meta: { refused: true } }),
    wrong: [[{ externalId: '' }, '/externalId'], [{ remaining: -5 }, '/remaining'], [{ ratelimits: [{ name: 'x', limit: 1 }] }, '/ratelimits/0/durationMs'], [{ keyCount: 1 }, '/keyCount']],
  },
];

/** Every route with an id in its path (bodies are valid, so only the id is wrong). */
export const ID_ROUTES: { method: string; route: string; kind: 'prj' | 'usr' | 'grp' | 'key' | 'idt'; body?: Body }[] = [
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
  { method: 'GET', route: '/v1/identities/{id}', kind: 'idt' },
  { method: 'PATCH', route: '/v1/identities/{id}', kind: 'idt', body: { meta: {} } },
  { method: 'DELETE', route: '/v1/identities/{id}', kind: 'idt' },
];

/** Ids of the wrong shape, each made from a real one where that makes the point sharper. */
export const BAD_IDS: [string, (real: string, kind: string) => string][] = [
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
export const UNROUTABLE_IDS: [string, (real: string, kind: string) => string, string][] = [
  ['with broken percent-encoding', (real) => `${real}%E0%A4%A`, 'BAD_REQUEST'],
];

export const LIST_ROUTES: { route: string; kind: 'prj' | 'usr' | 'grp' | 'key' | 'evt' | 'idt' }[] = [
  { route: '/v1/projects', kind: 'prj' },
  { route: '/v1/users', kind: 'usr' },
  { route: '/v1/groups', kind: 'grp' },
  { route: '/v1/keys', kind: 'key' },
  { route: '/v1/audit', kind: 'evt' },
  { route: '/v1/identities', kind: 'idt' },
];

export const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

export const BAD_PAGING: [string, (kind: string) => string][] = [
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
