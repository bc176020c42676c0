import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { sendRaw } from '../support/raw-http.ts';
import type { TestServer } from '../support/test-server.ts';
import { withTestServer } from '../support/server-with-admin.ts';

/**
 * A client that never finishes its request must not hold a connection (and its buffers) for
 * ever: the request has KEYWARD_REQUEST_TIMEOUT_MS to arrive whole, then a 408 problem ends it.
 */
describe('slow and incomplete requests', () => {
  let server: TestServer;

  withTestServer((started) => (server = started), { env: { KEYWARD_REQUEST_TIMEOUT_MS: '1000' } });

  const expect408 = (response: Awaited<ReturnType<typeof sendRaw>>) => {
    expect(response.status, response.text).toBe(408);
    expect(response.head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(response.text.split('\r\n\r\n')[1]!)).toMatchObject({ status: 408 });
    expect(response.closed).toBe(true);
  };

  it('a body shorter than its Content-Length: 408 once the time is up (verify fast path)', async () => {
    const head = 'POST /v1/keys/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    expect408(await sendRaw(server.url, `${head}{"key":`, 8000));
  });

  it('the same on a framework route', async () => {
    const head = 'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    expect408(await sendRaw(server.url, `${head}{"username":`, 8000));
  });

  it('headers that never end: 408 too', async () => {
    expect408(await sendRaw(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ', 8000));
  });

  it('an idle keep-alive connection between whole requests is not a slow request', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect({ host: hostname, port: Number(port) });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const statuses = () => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
    const request = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    socket.write(request);
    await expect.poll(statuses).toEqual([200]);
    // Idle for twice the request timeout, well within the keep-alive timeout.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    socket.write(request);
    await expect.poll(statuses).toEqual([200, 200]);
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });
});

describe('a request without a Host header', () => {
  let server: TestServer;

  withTestServer((started) => (server = started));

  it('HTTP/1.1 requires one: a 400 problem, not a bare 400', async () => {
    const response = await sendRaw(server.url, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(response.status, response.text).toBe(400);
    expect(response.head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(response.text.split('\r\n\r\n')[1]!)).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: expect.stringMatching(/Host/) });
  });

  it('HTTP/1.0 may leave it out', async () => {
    const response = await sendRaw(server.url, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(response.status, response.text).toBe(200);
  });
});
