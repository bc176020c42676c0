import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn } from '../support/api-client.ts';
import { sendRaw } from '../support/raw-http.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The paths test/api/token-secrecy.test.ts does not walk: secrets where they do not belong (a
 * token in a URL, a password in a body that fails to parse, credentials on a request the HTTP
 * parser refuses), at the most verbose log level.
 */
describe('no token, password, session id or CSRF token in any log line, whatever the request', () => {
  let server: TestServer;
  let token: string;
  let cookie: string;
  let csrf: string;
  const wrongPassword = 'a-wrong-password-typed-by-a-person';

  beforeAll(async () => {
    server = await startTestServer({ env: { LOG_LEVEL: 'trace' } });
    const session = await signIn(server);
    cookie = session.cookie;
    csrf = session.csrfToken;
    ({ token } = await createKeyWith(session.client, { permissions: ['x.read'] }));
    const anonymous = apiClient(server.url);
    const asSession = session.client;
    const big = 'p'.repeat(200 * 1024);

    // A token where no token belongs: the search box, a query parameter, a path, a header of a 404.
    await asSession.get(`/v1/keys?q=${token}`);
    await asSession.get(`/v1/keys?q=${encodeURIComponent(`name ${token}`)}&limit=5`);
    await anonymous.get(`/v1/authorize?key=${token}`);
    await anonymous.get(`/v1/authorize?api_key=${token}&projectId=prj_01jd2f3g4h5j6k7m8n9p0q1r`);
    await anonymous.get(`/v1/authorize?${token}`);
    await asSession.get(`/v1/keys/${token}`);
    await anonymous.get(`/v1/nothing/${token}`, { 'x-api-key': token, authorization: `Bearer ${token}` });
    await anonymous.get(`/docs?token=${token}`);
    // Passwords and tokens in bodies that are refused: malformed, too large, the wrong type.
    await anonymous.post('/v1/auth/login', `{"username":"admin","password":"${wrongPassword}"`);
    await anonymous.post('/v1/auth/login', { username: ADMIN.username, password: wrongPassword, extra: token });
    await anonymous.post('/v1/auth/login', JSON.stringify({ username: ADMIN.username, password: ADMIN.password, pad: big }));
    await anonymous.request('POST', '/v1/keys/verify', `key=${token}`, { 'content-type': 'application/x-www-form-urlencoded' });
    await anonymous.post('/v1/keys/verify', { key: token, pad: big });
    await anonymous.get('/v1/keys', { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` });
    // Credentials on refused writes.
    await apiClient(server.url, { cookie, csrfToken: `${csrf}x` }).post('/v1/projects', { name: 'refused' });
    await fetch(`${server.url}/v1/projects`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'text/plain' }, body: token });
    // Requests Node's HTTP parser refuses: the error it raises carries the raw bytes.
    await sendRaw(server.url, `GET /v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${csrf}\r\nBad Header: 1\r\n\r\n`);
    await sendRaw(server.url, `POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n{"username":"admin","password":"${ADMIN.password}"}`);
    await sendRaw(server.url, `GET /v1/keys?q=${token} HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}; pad=${'x'.repeat(20_000)}\r\n\r\n`);
  });
  afterAll(async () => server.close());

  it('logged the requests (the scan below reads real lines)', () => {
    const all = server.logs.join('\n');
    expect(server.logs.length).toBeGreaterThan(40);
    // Debug lines are there: the most verbose level is in force.
    expect(all).toContain('"level":20');
    expect(all).toContain('/v1/authorize?');
    expect(all).toContain('/v1/keys?q=[redacted]');
    expect(all).toContain('/v1/auth/login');
    expect(all).toContain('client error refused');
  });

  it('holds none of the secrets, whole or in a form they were sent in', () => {
    const secrets: [string, string][] = [
      ['the token', token],
      ['the token\'s secret middle', token.slice(8, 26)],
      ['the admin password', ADMIN.password],
      ['a mistyped password', wrongPassword],
      ['the session id', cookie.split('=')[1]!],
      ['the CSRF token', csrf],
      ['Basic credentials', Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')],
    ];
    for (const [what, secret] of secrets) {
      const line = server.logs.find((entry) => entry.includes(secret));
      expect(line, `${what} is in a log line`).toBeUndefined();
    }
  });
});
