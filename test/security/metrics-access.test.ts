import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { expectProblem } from '../support/problems.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withTestServer } from '../support/server-with-admin.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** An address of this machine that is not loopback, for a peer that is really remote-looking. */
function outsideAddress(): string | undefined {
  const all = Object.values(networkInterfaces()).flat().filter((entry) => entry !== undefined && !entry.internal);
  const ipv4 = all.find((entry) => entry!.family === 'IPv4');
  const ipv6 = all.find((entry) => entry!.family === 'IPv6' && !entry!.address.startsWith('fe80'));
  const found = ipv4 ?? ipv6;
  return found && (found.family === 'IPv6' ? `[${found.address}]` : found.address);
}

/**
 * The server's own HTTP server also accepting on a second, non-loopback address: connections
 * from there reach Keyward with that address as their peer.
 */
async function listenOutside(server: TestServer, host: string): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const relay: Server = createServer((socket) => {
    sockets.add(socket);
    server.app.server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => relay.listen(0, host.replace(/^\[|\]$/g, ''), resolve));
  const address = relay.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    // The client keeps its connections alive; the relay closes only once they are gone.
    close: () => new Promise((resolve) => {
      relay.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

const outside = outsideAddress();
const isMetrics = (text: string) => /keyward_http_requests_total/.test(text);

describe('/metrics without KEYWARD_METRICS_TOKEN: clients on this host only', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The test client is the trusted proxy: X-Forwarded-For names the client it speaks for.
    server = await startTestServer({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => server.close());

  it('answers a loopback client that connects directly', async () => {
    const metrics = await apiClient(server.url).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(isMetrics(metrics.text)).toBe(true);
  });

  it.each([
    ['X-Forwarded-For from a trusted proxy', { 'x-forwarded-for': '203.0.113.9' }],
    ['X-Forwarded-For naming a loopback client', { 'x-forwarded-for': '127.0.0.1' }],
    ['Forwarded', { forwarded: 'for=203.0.113.9' }],
    ['X-Real-IP', { 'x-real-ip': '203.0.113.9' }],
  ])('refuses a request a proxy forwarded (%s) with a 403 problem', async (_what, headers) => {
    const refused = await apiClient(server.url).get('/metrics', headers);
    expectProblem(refused, 403, 'FORBIDDEN');
    expect(isMetrics(refused.text)).toBe(false);
  });

  it.skipIf(outside === undefined)('refuses a client connecting from a non-loopback address with a 403 problem', async () => {
    const second = await listenOutside(server, outside!);
    try {
      // The same server answers there: a public route works, /metrics does not.
      expect((await apiClient(second.url).get('/healthz')).status).toBe(200);
      const refused = await apiClient(second.url).get('/metrics');
      expectProblem(refused, 403, 'FORBIDDEN');
      expect(isMetrics(refused.text)).toBe(false);
    } finally {
      await second.close();
    }
  });
});

describe('/metrics with KEYWARD_METRICS_TOKEN: the bearer token, from anywhere', () => {
  let server: TestServer;
  withTestServer((started) => (server = started), { env: { KEYWARD_METRICS_TOKEN: METRICS_TOKEN, KEYWARD_TRUSTED_PROXIES: '127.0.0.1' } });

  it.each([
    ['no credential, even from loopback', {}],
    ['a wrong token of the same length', { authorization: `Bearer ${METRICS_TOKEN.replace(/.$/, 'x')}` }],
    ['a longer token that starts with the right one', { authorization: `Bearer ${METRICS_TOKEN}0` }],
    ['the token in another scheme', { authorization: `Basic ${METRICS_TOKEN}` }],
  ])('refuses %s with a 401 problem', async (_what, headers) => {
    const refused = await apiClient(server.url).get('/metrics', headers);
    expectProblem(refused, 401, 'UNAUTHENTICATED');
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(isMetrics(refused.text)).toBe(false);
    expect(refused.text).not.toContain(METRICS_TOKEN);
  });

  it('answers the token through a proxy', async () => {
    const metrics = await apiClient(server.url, { bearer: METRICS_TOKEN }).get('/metrics', { 'x-forwarded-for': '203.0.113.9' });
    expect(metrics.status).toBe(200);
    expect(isMetrics(metrics.text)).toBe(true);
  });

  it.skipIf(outside === undefined)('answers the token from a non-loopback address, and refuses it missing there', async () => {
    const second = await listenOutside(server, outside!);
    try {
      expectProblem(await apiClient(second.url).get('/metrics'), 401, 'UNAUTHENTICATED');
      const metrics = await apiClient(second.url, { bearer: METRICS_TOKEN }).get('/metrics');
      expect(metrics.status).toBe(200);
      expect(isMetrics(metrics.text)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('never writes the token into a log line', () => {
    expect(server.logs.join('\n')).not.toContain(METRICS_TOKEN);
  });
});
