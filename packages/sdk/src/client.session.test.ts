import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/support/api-client.ts';
import { ADMIN, startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { createKeywardClient } from './client.ts';
import { KeywardError } from './keyward-error.ts';

describe('the SDK client as a browser session (session cookie and CSRF token)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  /** A fetch that keeps the session cookie, as a browser does, and notes what each request carried. */
  function cookieJarFetch(seen: { method: string; csrf: string | null; credentials: Request['credentials'] }[]) {
    let cookie: string | undefined;
    return async (request: Request) => {
      seen.push({ method: request.method, csrf: request.headers.get('x-csrf-token'), credentials: request.credentials });
      const headers = new Headers(request.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(new Request(request, { headers }));
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return response;
    };
  }

  it('signs in, sends the CSRF token on writes only, and signs out', async () => {
    const seen: { method: string; csrf: string | null; credentials: Request['credentials'] }[] = [];
    let csrf: string | null = null;
    const browser = createKeywardClient({ baseUrl: server.url, credentials: 'include', csrfToken: () => csrf, fetch: cookieJarFetch(seen) });
    expect((await browser.auth.setup()).firstRun).toBe(false);
    const session = await browser.auth.login({ username: ADMIN.username, password: ADMIN.password });
    expect(session.user.username).toBe(ADMIN.username);
    // No token yet at sign-in; from now on every write carries it, and no read does.
    csrf = session.csrfToken;
    const project = await browser.projects.create({ name: 'From the browser' });
    expect((await browser.projects.get(project.id)).name).toBe('From the browser');
    await browser.auth.endOtherSessions();
    await browser.auth.logout();
    expect(seen.map((request) => [request.method, request.csrf])).toEqual([
      ['GET', null], ['POST', null], ['POST', csrf], ['GET', null], ['DELETE', csrf], ['POST', csrf],
    ]);
    expect(new Set(seen.map((request) => request.credentials))).toEqual(new Set(['include']));
    await expect(browser.me()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('changes the signed-in person’s password, which ends her other sessions', async () => {
    const seen: { method: string; csrf: string | null; credentials: Request['credentials'] }[] = [];
    const admin = await signIn(server);
    const member = { username: 'sdk-member', password: 'sdk-member-password-1' };
    await admin.client.post('/v1/users', { ...member, role: 'member' });
    const other = await signIn(server, member.username, member.password);
    let csrf: string | null = null;
    const browser = createKeywardClient({ baseUrl: server.url, csrfToken: () => csrf, fetch: cookieJarFetch(seen) });
    csrf = (await browser.auth.login(member)).csrfToken;
    await expect(browser.auth.changePassword({ currentPassword: 'not-it-at-all', newPassword: 'a-new-password-0123' })).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await browser.auth.changePassword({ currentPassword: member.password, newPassword: 'a-new-password-0123' });
    expect((await browser.me()).user.username).toBe(member.username);
    expect((await other.client.get('/v1/auth/me')).status).toBe(401);
  });

  it('is refused a session write without the CSRF token (403 CSRF_FAILED)', async () => {
    const seen: { method: string; csrf: string | null; credentials: Request['credentials'] }[] = [];
    const browser = createKeywardClient({ baseUrl: server.url, fetch: cookieJarFetch(seen) });
    await browser.auth.login({ username: ADMIN.username, password: ADMIN.password });
    await expect(browser.projects.create({ name: 'Forged' })).rejects.toMatchObject({ status: 403, code: 'CSRF_FAILED' });
    expect((await browser.me()).user.username).toBe(ADMIN.username);
  });
});
