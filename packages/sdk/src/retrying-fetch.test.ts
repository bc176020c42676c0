import { describe, expect, it } from 'vitest';
import { retryingFetch } from './retrying-fetch.ts';

const networkError = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

/** A fetch that answers from a script (an Error is thrown) and records every attempt. */
function scripted(...answers: (number | Error)[]) {
  const attempts: { method: string; body: string }[] = [];
  const fetch = async (request: Request) => {
    attempts.push({ method: request.method, body: await request.text() });
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return new Response('{}', { status: answer });
  };
  return { fetch, attempts };
}

const quick = { delayMs: 1 };

describe('retryingFetch', () => {
  it('retries a read after network errors and sends the whole request each time', async () => {
    const { fetch, attempts } = scripted(networkError('ECONNRESET'), networkError('ETIMEDOUT'), 200);
    const response = await retryingFetch(fetch, quick)(new Request('http://k.test/v1/keys'));
    expect(response.status).toBe(200);
    expect(attempts).toHaveLength(3);
  });

  it('retries verification with its body intact', async () => {
    const { fetch, attempts } = scripted(networkError('ECONNRESET'), 200);
    await retryingFetch(fetch, quick)(new Request('http://k.test/v1/keys/verify', { method: 'POST', body: '{"key":"x"}' }));
    expect(attempts.map((attempt) => attempt.body)).toEqual(['{"key":"x"}', '{"key":"x"}']);
  });

  it('gives up after `retries` and throws the last network error', async () => {
    const { fetch, attempts } = scripted(networkError('ECONNRESET'), networkError('ECONNRESET'), networkError('EPIPE'));
    await expect(retryingFetch(fetch, { ...quick, retries: 2 })(new Request('http://k.test/healthz'))).rejects.toThrow('fetch failed');
    expect(attempts).toHaveLength(3);
  });

  it('never retries a 4xx, nor a 500', async () => {
    for (const status of [400, 401, 404, 409, 429, 500]) {
      const { fetch, attempts } = scripted(status, 200);
      expect((await retryingFetch(fetch, quick)(new Request('http://k.test/v1/keys'))).status).toBe(status);
      expect(attempts).toHaveLength(1);
    }
  });

  it('retries 502/503/504 for requests that are safe to repeat, and answers the last one', async () => {
    const { fetch, attempts } = scripted(503, 502, 504);
    expect((await retryingFetch(fetch, { ...quick, retries: 2 })(new Request('http://k.test/v1/keys'))).status).toBe(504);
    expect(attempts).toHaveLength(3);
  });

  it('does not send a key creation twice when the answer may have been lost', async () => {
    const { fetch, attempts } = scripted(networkError('ECONNRESET'), 201);
    const create = new Request('http://k.test/v1/keys', { method: 'POST', body: '{}' });
    await expect(retryingFetch(fetch, quick)(create)).rejects.toThrow('fetch failed');
    expect(attempts).toHaveLength(1);

    const gateway = scripted(503, 201);
    expect((await retryingFetch(gateway.fetch, quick)(new Request('http://k.test/v1/keys', { method: 'POST', body: '{}' }))).status).toBe(503);
    expect(gateway.attempts).toHaveLength(1);
  });

  it('does resend a creation that never left (connection refused)', async () => {
    const { fetch, attempts } = scripted(networkError('ECONNREFUSED'), 201);
    const response = await retryingFetch(fetch, quick)(new Request('http://k.test/v1/keys', { method: 'POST', body: '{"projectId":"p"}' }));
    expect(response.status).toBe(201);
    expect(attempts.map((attempt) => attempt.body)).toEqual(['{"projectId":"p"}', '{"projectId":"p"}']);
  });

  it('turns a hung attempt into a timeout and retries it', async () => {
    let calls = 0;
    const hangOnce = (request: Request) => {
      calls += 1;
      if (calls > 1) return Promise.resolve(new Response('{}'));
      return new Promise<Response>((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    };
    const response = await retryingFetch(hangOnce, { ...quick, timeoutMs: 20 })(new Request('http://k.test/v1/keys'));
    expect(response.status).toBe(200);
    expect(calls).toBe(2);
  });

  it("does not retry when the caller aborted", async () => {
    const controller = new AbortController();
    let calls = 0;
    const abortingFetch = async () => {
      calls += 1;
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    };
    await expect(retryingFetch(abortingFetch, quick)(new Request('http://k.test/v1/keys', { signal: controller.signal }))).rejects.toThrow('aborted');
    expect(calls).toBe(1);
  });
});
