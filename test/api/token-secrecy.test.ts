import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient, type ApiResponse } from '../support/api-client.ts';
import { createMember } from '../support/member.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

/** The forms in which a secret could be written down: whole, and the part no display shows. */
function tracesOf(secret: string): string[] {
  const traces = [secret];
  // A token's start (prefix + 4) and end (last 4) are shown on purpose; the middle never is.
  const token = /^[a-z][a-z0-9]{1,11}_([0-9A-Za-z]{4})([0-9A-Za-z]{22})[0-9A-Za-z]{4}$/.exec(secret);
  if (token) traces.push(token[2]!);
  return traces;
}

describe('token secrecy: the token exists only in the response that issued it', () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let failedSignInPassword: string;
  let memberSecrets: string[];
  // Every response seen, labelled; and which token each issuing response may contain.
  const responses: { label: string; response: ApiResponse; issues?: string }[] = [];
  let first: string;
  let second: string;
  let regenerated: string;
  let keyId: string;
  let projectId: string;

  async function record(label: string, call: Promise<ApiResponse>, issues?: string): Promise<ApiResponse> {
    const response = await call;
    responses.push({ label, response, issues });
    return response;
  }

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server);
    const client = admin.client;
    const member = await createMember(server, client, { username: 'mona', permissions: ['keys.read', 'keys.write'] });
    memberSecrets = [member.password, member.cookie.split('=')[1]!, member.csrfToken];
    failedSignInPassword = 'wrong-password-that-must-not-be-logged';
    await record('failed sign-in', apiClient(server.url).post('/v1/auth/login', { username: ADMIN.username, password: failedSignInPassword }));

    projectId = (await client.post('/v1/projects', { name: 'Secrets', keyPrefix: 'sk' })).body.id;
    const group = await client.post('/v1/groups', { name: 'managers', permissions: ['keys.read', 'keys.write', 'audit.read', 'users.read', 'notes.read'] });
    const created = await record('create', client.post('/v1/keys', { projectId, name: 'management', owner: ADMIN.username, groupIds: [group.body.id] }));
    first = created.body.token;
    keyId = created.body.key.id;
    responses.at(-1)!.issues = first;

    // The token is used everywhere a token can be presented.
    const anonymous = apiClient(server.url);
    await record('verify', anonymous.post('/v1/keys/verify', { key: first, permissions: ['notes.read'] }));
    await record('verify refused', anonymous.post('/v1/keys/verify', { key: first, projectId: 'prj_0000000000000000000000' }));
    await record('verify with a bad body', anonymous.post('/v1/keys/verify', { key: first, unexpected: true }));
    await record('verify with malformed JSON', anonymous.post('/v1/keys/verify', `{"key":"${first}",`));
    await record('authorize bearer', anonymous.get('/v1/authorize?permission=notes.read', { authorization: `Bearer ${first}` }));
    await record('authorize x-api-key', anonymous.get('/v1/authorize', { 'x-api-key': first }));
    await record('authorize refused', anonymous.get('/v1/authorize?permission=notes.write', { 'x-api-key': first }));
    const asKey = apiClient(server.url, { bearer: first });
    await record('me via key', asKey.get('/v1/auth/me'));
    await record('list via key', asKey.get('/v1/keys?limit=100'));
    await record('get via key', asKey.get(`/v1/keys/${keyId}`));
    await record('patch via key', asKey.patch(`/v1/keys/${keyId}`, { description: 'edited through itself' }));
    await record('users via key', asKey.get('/v1/users'));
    const child = await record('create via key', asKey.post('/v1/keys', { projectId, name: 'child' }));
    second = child.body.token;
    responses.at(-1)!.issues = second;
    await record('verify child', anonymous.post('/v1/keys/verify', { key: second }));

    const rotated = await record('regenerate', client.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 60 }));
    regenerated = rotated.body.token;
    responses.at(-1)!.issues = regenerated;
    await record('verify old in grace', anonymous.post('/v1/keys/verify', { key: first }));
    await record('verify new', anonymous.post('/v1/keys/verify', { key: regenerated }));
    await record('me via new key', apiClient(server.url, { bearer: regenerated }).get('/v1/auth/me'));

    // Management reads by the admin and the member.
    await record('list', client.get('/v1/keys?limit=100'));
    await record('list by q', client.get(`/v1/keys?q=${encodeURIComponent(created.body.key.start)}`));
    await record('get', client.get(`/v1/keys/${keyId}`));
    await record('patch', client.patch(`/v1/keys/${keyId}`, { name: 'renamed' }));
    await record('audit', client.get('/v1/audit?limit=100'));
    await record('audit of the key', client.get(`/v1/audit?keyId=${keyId}`));
    await record('me', client.get('/v1/auth/me'));
    await record('member list', member.client.get('/v1/keys'));
    await record('metrics', anonymous.get('/metrics'));

    // Let lastUsedAt reach the database, so the files hold everything this run wrote.
    await waitFor(async () => (await client.get(`/v1/keys/${keyId}`)).body.lastUsedAt ?? undefined, { what: 'lastUsedAt' });
  });
  afterAll(async () => server.close());

  it('was exercised: the token verified, authorized and acted as a management key', () => {
    const byLabel = (label: string) => responses.find((entry) => entry.label === label)!.response;
    expect(byLabel('verify').body.code).toBe('VALID');
    expect(byLabel('authorize bearer').status).toBe(200);
    expect(byLabel('authorize x-api-key').status).toBe(200);
    expect(byLabel('me via key').body.via).toBe('key');
    expect(byLabel('create via key').status).toBe(201);
    expect(byLabel('verify old in grace').body.code).toBe('VALID');
    expect(byLabel('verify new').body.code).toBe('VALID');
    expect(byLabel('audit').body.items.length).toBeGreaterThan(5);
  });

  it('appears in no response but the one that issued it', () => {
    const tokens = [first, second, regenerated];
    for (const { label, response, issues } of responses) {
      for (const token of tokens) {
        for (const trace of tracesOf(token)) {
          if (token === issues) {
            expect(response.text, `${label} issues its token`).toContain(token);
          } else {
            expect(response.text, `${label} leaks a token`).not.toContain(trace);
          }
        }
      }
    }
  });

  it('is nowhere in the SQLite files: database, -wal and -shm', () => {
    const files = [server.dbPath, `${server.dbPath}-wal`, `${server.dbPath}-shm`];
    expect(existsSync(files[1]!)).toBe(true);
    const bytes = Buffer.concat(files.filter((file) => existsSync(file)).map((file) => readFileSync(file)));
    // The scan reads real data: the key's id and its display start are stored.
    expect(bytes.includes(keyId)).toBe(true);
    expect(bytes.includes(projectId)).toBe(true);
    const secrets = [first, second, regenerated, ADMIN.password, failedSignInPassword, admin.cookie.split('=')[1]!, ...memberSecrets.slice(0, 2)];
    for (const secret of secrets) {
      for (const trace of tracesOf(secret)) {
        expect(bytes.includes(Buffer.from(trace, 'utf8')), `database holds ${trace.slice(0, 6)}…`).toBe(false);
        expect(bytes.includes(Buffer.from(trace, 'utf16le')), `database holds ${trace.slice(0, 6)}… as UTF-16`).toBe(false);
      }
    }
  });

  it('is in no log line, nor are session cookies, CSRF tokens or passwords', () => {
    expect(server.logs.length).toBeGreaterThan(20);
    const all = server.logs.join('\n');
    // The log does record these requests (so the scan is looking at the right lines).
    expect(all).toContain('/v1/keys/verify');
    expect(all).toContain('/v1/authorize');
    expect(all).toContain('/v1/auth/login');
    const secrets = [first, second, regenerated, ADMIN.password, failedSignInPassword, admin.cookie.split('=')[1]!, admin.csrfToken, ...memberSecrets];
    for (const secret of secrets) {
      for (const trace of tracesOf(secret)) {
        const line = server.logs.find((entry) => entry.includes(trace));
        expect(line, `a log line holds ${trace.slice(0, 6)}…`).toBeUndefined();
      }
    }
  });

  it('is in no log line even at LOG_LEVEL=trace', async () => {
    const verbose = await startTestServer({ env: { LOG_LEVEL: 'trace' } });
    try {
      const session = await signIn(verbose);
      const project = (await session.client.post('/v1/projects', { name: 'Verbose', keyPrefix: 'vb' })).body.id;
      const group = await session.client.post('/v1/groups', { name: 'readers', permissions: ['keys.read'] });
      const issued = await session.client.post('/v1/keys', { projectId: project, groupIds: [group.body.id] });
      const token = issued.body.token as string;
      await apiClient(verbose.url).post('/v1/keys/verify', { key: token });
      await apiClient(verbose.url).get('/v1/authorize', { authorization: `Bearer ${token}` });
      await apiClient(verbose.url).get('/v1/authorize', { 'x-api-key': token });
      await apiClient(verbose.url, { bearer: token }).get('/v1/keys');
      expect(verbose.logs.length).toBeGreaterThan(10);
      for (const secret of [token, ADMIN.password, session.cookie.split('=')[1]!, session.csrfToken]) {
        for (const trace of tracesOf(secret)) {
          expect(verbose.logs.find((entry) => entry.includes(trace))).toBeUndefined();
        }
      }
    } finally {
      await verbose.close();
    }
  });
});
