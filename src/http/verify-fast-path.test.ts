import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { type TestServer } from '../../test/support/test-server.ts';
import { withServerAndKey } from '../../test/support/server-with-admin.ts';

/** Raw POSTs, so the test controls every header (fetch adds and normalises some). */
function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/keys/verify`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The fast-path counter from /metrics, by outcome. */
async function fastPathCount(server: TestServer, outcome: 'answered' | 'replayed'): Promise<number> {
  const text = (await apiClient(server.url).get('/metrics')).text;
  return Number(text.match(new RegExp(`keyward_verify_fast_path_total\\{outcome="${outcome}"\\} (\\d+)`))?.[1] ?? 0);
}

describe('verify fast path', () => {
  let server: TestServer;
  let token: string;
  let keyId: string;

  withServerAndKey((started) => ({ server, token, keyId } = started), { permissions: ['orders.read'] });

  it('answers a plain verification itself, with the route schema shape and the verification headers', async () => {
    const before = await fastPathCount(server, 'answered');
    const answer = await post(server.url, JSON.stringify({ key: token, permissions: 'orders.read' }), { 'content-type': 'application/json' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ valid: true, code: 'VALID', keyId, permissions: ['orders.read'] });
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    // Framed by its length, as the framework frames its answers, not chunked.
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.text)));
    expect(answer.headers['transfer-encoding']).toBeUndefined();
    expect(await fastPathCount(server, 'answered')).toBe(before + 1);
    // Counted like any other request, and logged in Fastify's words (the test server logs at info).
    expect((await apiClient(server.url).get('/metrics')).text).toMatch(/keyward_http_requests_total\{method="POST",route="\/v1\/keys\/verify",status="200"\} [1-9]/);
    expect(server.logs.some((line) => line.includes('"msg":"request completed"') && line.includes('/v1/keys/verify'))).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"key":', 400, 'MALFORMED_JSON'],
    ['a field the schema does not know', JSON.stringify({ key: 'x', extra: 1 }), 400, 'VALIDATION_FAILED'],
    ['a wrong type', JSON.stringify({ key: 5 }), 400, 'VALIDATION_FAILED'],
    ['a bad permission query', JSON.stringify({ key: 'x', permissions: 'a AND (' }), 400, 'VALIDATION_FAILED'],
    ['an ip that is not an address', JSON.stringify({ key: 'x', ip: 'not-an-ip' }), 400, 'VALIDATION_FAILED'],
    ['prototype poisoning', '{"key":"x","__proto__":{"admin":true}}', 400, undefined],
  ])('replays %s into the framework, whose problem answer comes back unchanged', async (_name, body, status, code) => {
    const before = await fastPathCount(server, 'replayed');
    const answer = await post(server.url, body, { 'content-type': 'application/json' });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.text);
    expect(problem.status).toBe(status);
    if (code) expect(problem.code).toBe(code);
    expect(await fastPathCount(server, 'replayed')).toBe(before + 1);
  });

  it('leaves to the framework what it does not take: other media types, chunked bodies', async () => {
    const answered = await fastPathCount(server, 'answered');
    const replayed = await fastPathCount(server, 'replayed');
    const textPlain = await post(server.url, JSON.stringify({ key: token }), { 'content-type': 'text/plain' });
    expect(textPlain.status).toBe(415);
    const chunked = await post(server.url, JSON.stringify({ key: token }), { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(200);
    expect(JSON.parse(chunked.text)).toMatchObject({ valid: true, code: 'VALID' });
    expect(await fastPathCount(server, 'answered')).toBe(answered);
    expect(await fastPathCount(server, 'replayed')).toBe(replayed);
  });

  it('answers the same as the framework does for the same key', async () => {
    const fast = await post(server.url, JSON.stringify({ key: token }), { 'content-type': 'application/json' });
    // Chunked: the same request through Fastify's route.
    const framework = await post(server.url, JSON.stringify({ key: token }), { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(JSON.parse(fast.text)).toEqual(JSON.parse(framework.text));
    for (const header of ['content-type', 'cache-control', 'x-content-type-options', 'content-security-policy', 'referrer-policy']) {
      expect(fast.headers[header], header).toBe(framework.headers[header]);
    }
  });
});
