import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../packages/sdk/test/closed-port.ts';
import { createKeyWith, signIn, type ApiClient } from '../../test/support/api-client.ts';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';

/** Debian's nginx (CI installs it, see .ci/run); the test is skipped where there is none. */
function findNginx(): string | undefined {
  for (const directory of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin']) {
    try {
      accessSync(join(directory, 'nginx'), constants.X_OK);
      return join(directory, 'nginx');
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

const NGINX = findNginx();

/** The example configuration with its three addresses pointed at this test's servers. */
function exampleConfig(ports: { nginx: number; keyward: number; api: number }): string {
  let config = readFileSync(new URL('./nginx.conf', import.meta.url), 'utf8');
  for (const [from, to] of [
    ['listen 127.0.0.1:8000;', `listen 127.0.0.1:${ports.nginx};`],
    ['server 127.0.0.1:8080;', `server 127.0.0.1:${ports.keyward};`],
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${ports.api};`],
  ] as const) {
    // Exactly once, so the test fails if the example's addresses move without it.
    expect(config.split(from)).toHaveLength(2);
    config = config.replace(from, to);
  }
  return config;
}

describe.skipIf(!NGINX)('the nginx auth_request example, with the real nginx', () => {
  let keyward: TestServer;
  let admin: ApiClient;
  let api: Server;
  let nginx: ChildProcess;
  let nginxLog = '';
  let prefix: string;
  let base: string;
  let reader: Awaited<ReturnType<typeof createKeyWith>>;
  const seenByApi: IncomingHttpHeaders[] = [];

  const get = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/orders/42`, { headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    keyward = await startTestServer({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1' } });
    admin = (await signIn(keyward)).client;
    reader = await createKeyWith(admin, { permissions: ['orders.read'] });

    // The upstream API: it answers with what nginx told it about the caller.
    api = createServer((request, response) => {
      seenByApi.push(request.headers);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ path: request.url, keyId: request.headers['x-keyward-key-id'], ownerId: request.headers['x-keyward-owner-id'] }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));

    prefix = mkdtempSync(join(tmpdir(), 'keyward-nginx-'));
    // nginx's workers drop root for "nobody", who must reach the temp directories.
    chmodSync(prefix, 0o755);
    mkdirSync(join(prefix, 'logs'));
    mkdirSync(join(prefix, 'temp'));
    const port = await closedPort();
    const configPath = join(prefix, 'nginx.conf');
    writeFileSync(configPath, exampleConfig({ nginx: port, keyward: Number(new URL(keyward.url).port), api: (api.address() as AddressInfo).port }));
    base = `http://127.0.0.1:${port}`;

    nginx = spawn(NGINX!, ['-p', `${prefix}/`, '-e', 'stderr', '-c', configPath, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr!.on('data', (chunk) => (nginxLog += chunk));
    for (let attempt = 0; ; attempt += 1) {
      if (await fetch(`${base}/`).then(() => true, () => false)) break;
      if (attempt > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${nginxLog}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => api?.close(resolve));
    await keyward?.close();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  it('lets a request with a valid key through to the API, telling it whose key it was', async () => {
    const bearer = await get({ authorization: `Bearer ${reader.token}` });
    expect(bearer.status, nginxLog).toBe(200);
    expect(bearer.body).toEqual({ path: '/orders/42', keyId: reader.keyId });

    const apiKey = await get({ 'x-api-key': reader.token });
    expect(apiKey.status).toBe(200);
    expect(apiKey.body.keyId).toBe(reader.keyId);
  });

  it('answers 401 without a key, and for an unknown one, before the API sees anything', async () => {
    const before = seenByApi.length;
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer tk_000000000000000000000000000000' }, { 'x-api-key': 'nonsense' }];
    for (const headers of attempts) {
      const response = await get(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="keyward"(, error="invalid_token")?$/);
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
    expect(seenByApi.length).toBe(before);
  });

  it('answers 401 on the very next request once the key is disabled', async () => {
    const key = await admin.post('/v1/keys', { projectId: reader.projectId, groupIds: reader.groupIds });
    expect((await get({ 'x-api-key': key.body.token })).status).toBe(200);
    await admin.patch(`/v1/keys/${key.body.key.id}`, { enabled: false });
    expect((await get({ 'x-api-key': key.body.token })).status).toBe(401);
  });

  it('answers 403 for a key without the permission the location requires', async () => {
    const { token } = await createKeyWith(admin, { permissions: ['orders.write'] });
    const response = await get({ authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, code: 'FORBIDDEN', detail: 'The API key may not do this: INSUFFICIENT_PERMISSIONS.' });
  });

  it("passes the client's address, so a key's IP allowlist holds behind the proxy", async () => {
    const { token } = await createKeyWith(admin, { permissions: ['orders.read'], key: { ipAllowlist: ['203.0.113.0/24'] } });
    expect((await get({ authorization: `Bearer ${token}` })).status).toBe(403);
  });

  it('does not let a client forge the identity headers the API trusts', async () => {
    const forged = await get({ authorization: `Bearer ${reader.token}`, 'x-keyward-key-id': 'key_forged', 'x-keyward-owner-id': 'usr_forged' });
    expect(forged.body).toEqual({ path: '/orders/42', keyId: reader.keyId });
    expect((await get({ 'x-keyward-key-id': 'key_forged' })).status).toBe(401);
  });

  it('answers 429 with Keyward\'s Retry-After for a key over its rate limit or usage', async () => {
    const limited = await createKeyWith(admin, { permissions: ['orders.read'], key: { ratelimit: { limit: 1, windowMs: 60_000 } } });
    expect((await get({ 'x-api-key': limited.token })).status).toBe(200);
    const over = await get({ 'x-api-key': limited.token });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(over.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', detail: 'The API key is over its limit: RATE_LIMITED.' });

    const spent = await createKeyWith(admin, { permissions: ['orders.read'], key: { remaining: 0 } });
    const exhausted = await get({ authorization: `Bearer ${spent.token}` });
    expect(exhausted.status).toBe(429);
    expect(exhausted.body.detail).toBe('The API key is over its limit: USAGE_EXCEEDED.');
  });

  it('answers 503 when Keyward is down (this test stops it, so it runs last)', async () => {
    await keyward.close();
    const response = await get({ authorization: `Bearer ${reader.token}` });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 503, code: 'KEYWARD_UNAVAILABLE' });
  });
});
