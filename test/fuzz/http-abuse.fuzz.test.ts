import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyString, fuzzParameters, fuzzTimeoutMs } from '../support/arbitraries.ts';
import { createKeyWith, signIn } from '../support/api-client.ts';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { rawRequest, sendRaw, type RawResponse } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const TOUCHED_BY_READS = ['keys.last_used_at', 'sessions.last_seen_at'];

/** Header names a client controls that Keyward reads, or that proxies and parsers care about. */
const HEADER_NAMES = [
  'authorization', 'cookie', 'x-csrf-token', 'content-type', 'x-api-key', 'x-keyward-token', 'x-forwarded-for',
  'x-real-ip', 'x-forwarded-proto', 'x-forwarded-host', 'forwarded', 'accept', 'accept-encoding', 'content-encoding',
  'origin', 'referer', 'expect', 'range', 'if-none-match', 'if-modified-since', 'upgrade', 'x-http-method-override',
  'access-control-request-method', 'access-control-request-headers', 'user-agent', 'keep-alive', 'te', 'trailer',
];

/** Header values as a hostile client would send them (latin1, so every byte 0x20–0xff can appear). */
function headerValue(bearer: string, cookie: string, csrf: string): fc.Arbitrary<string> {
  const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 });
  return fc.oneof(
    latin1,
    anyString.map((s) => Buffer.from(s, 'utf8').toString('latin1')),
    fc.constantFrom(
      `Bearer ${bearer}`, `Bearer ${bearer} ${bearer}`, `Bearer ${bearer}x`, 'Bearer', 'Bearer ', 'bearer  tk_x', `Basic ${Buffer.from('admin:x').toString('base64')}`,
      cookie, `${cookie}; ${cookie}`, `${cookie}x`, 'keyward_session=', 'keyward_session', '=;=;=', `keyward_session=${'a'.repeat(4000)}`,
      csrf, `${csrf} `, `${csrf},${csrf}`, 'application/json', 'application/json; charset=utf-16', 'text/plain', 'gzip', 'br, deflate',
      '127.0.0.1', '::1', '10.0.0.1, 127.0.0.1', 'unknown', 'for="[::1]:80"', '100-continue', 'bytes=0-1', 'h2c', 'websocket', '*', '',
      'DELETE', 'https://evil.example', 'null',
    ),
  );
}

/** Bytes Node's parser must refuse, alone or in a header: NUL, DEL, a bare CR, other controls. */
const CONTROL = fc.constantFrom('\u0000', '\u007f', '\r', '\u0001', '\u001b', '\u000b', '\u000c');

describe('HTTP abuse over a raw socket: never a 5xx, never a crash, refusals change nothing', () => {
  let server: TestServer;
  let bearer: string;
  let cookie: string;
  let csrf: string;
  let keyId: string;
  let projectId: string;

  /** Sends raw bytes and checks the answer: a status below 500, a problem for every refusal. */
  async function check(bytes: Buffer | string, label: string, options: { allowNoResponse?: boolean } = {}): Promise<RawResponse> {
    const before = await snapshotDatabase(server, TOUCHED_BY_READS);
    const response = await sendRaw(server.url, bytes);
    const what = `${label}\n${Buffer.from(bytes).toString('latin1').slice(0, 600)}\n→ ${response.text.slice(0, 400)}`;
    if (response.status === undefined) {
      expect(options.allowNoResponse, `no response: ${what}`).toBe(true);
    } else {
      expect(response.status, what).toBeLessThan(500);
      if (response.status >= 400) {
        expect(response.head.toLowerCase(), what).toContain('content-type: application/problem+json');
        expect(await snapshotDatabase(server, TOUCHED_BY_READS), `a refused request changed the database: ${what}`).toEqual(before);
      }
    }
    return response;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await signIn(server);
    cookie = admin.cookie;
    csrf = admin.csrfToken;
    const issued = await createKeyWith(admin.client, { permissions: ['*'] });
    bearer = issued.token;
    keyId = issued.keyId;
    projectId = issued.projectId;
  });
  afterAll(async () => server.close());

  it('random methods, targets and headers (duplicated, oversized, control bytes, forged credentials)', { timeout: fuzzTimeoutMs() }, async () => {
    const targets = [
      '/v1/projects', `/v1/projects/${projectId}`, '/v1/users', '/v1/groups', '/v1/keys', `/v1/keys/${keyId}`, `/v1/keys/${keyId}/regenerate`,
      '/v1/keys/verify', `/v1/authorize?projectId=${projectId}&permission=a.b`, '/v1/audit', '/v1/auth/login', '/v1/auth/me', '/v1/auth/setup',
      '/healthz', '/readyz', '/metrics', '/openapi.json', '/', '/docs', '*', 'http://evil.example/v1/keys', '//v1//keys', '/v1/keys/../users',
      '/%2e%2e/%2e%2e/etc/passwd', '/v1/keys?limit=1&limit=2', '/v1/keys#fragment',
    ];
    const header = fc.tuple(
      fc.oneof({ arbitrary: fc.constantFrom(...HEADER_NAMES), weight: 4 }, { arbitrary: fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,30}$/), weight: 1 }),
      fc.oneof(
        { arbitrary: headerValue(bearer, cookie, csrf), weight: 8 },
        { arbitrary: fc.tuple(headerValue(bearer, cookie, csrf), CONTROL).map(([value, control]) => `${value}${control}${value}`), weight: 1 },
      ),
    );
    const property = fc.asyncProperty(
      fc.oneof({ arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'), weight: 6 }, { arbitrary: fc.constantFrom('PUT', 'TRACE', 'CONNECT', 'PROPFIND', 'get', 'QUERY', 'M-SEARCH', 'GE T'), weight: 1 }),
      fc.constantFrom(...targets),
      fc.array(header, { maxLength: 12 }),
      fc.option(fc.oneof(fc.constant(JSON.stringify({ name: 'fuzzed' })), fc.constant(JSON.stringify({ key: bearer })), anyString), { nil: undefined }),
      async (method, target, headers, body) => {
        // Node closes a CONNECT (a proxy tunnel request) at once when nobody listens for it.
        const response = await check(rawRequest({ method, target, headers, body }), 'random request', { allowNoResponse: method === 'CONNECT' });
        // Every request asks for Connection: close; a server that hangs on to it is stuck.
        expect(response.closed, 'the connection was closed within 2 s').toBe(true);
      },
    );
    await fc.assert(property, fuzzParameters(200));
  });

  // Framing attacks and parser edge cases, each written byte for byte.
  const CRLF = '\r\n';
  const FIXED: [string, (ctx: { bearer: string; cookie: string; csrf: string }) => string, { allowNoResponse?: boolean; status?: number }][] = [
    ['Content-Length and Transfer-Encoding together (smuggling)', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 4${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}0${CRLF}${CRLF}`, { status: 400 }],
    ['two different Content-Length headers', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 2${CRLF}Content-Length: 12${CRLF}${CRLF}{}`, { status: 400 }],
    ['a negative Content-Length', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: -1${CRLF}${CRLF}`, { status: 400 }],
    ['a Content-Length of 2^64', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 18446744073709551616${CRLF}${CRLF}{}`, { status: 400 }],
    ['a Content-Length over the body limit, with no body sent', ({ cookie, csrf }) => `POST /v1/projects HTTP/1.1${CRLF}Host: x${CRLF}Cookie: ${cookie}${CRLF}X-CSRF-Token: ${csrf}${CRLF}Content-Type: application/json${CRLF}Content-Length: 999999999${CRLF}Connection: close${CRLF}${CRLF}`, { status: 413 }],
    ['Transfer-Encoding that does not end in chunked', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: gzip${CRLF}${CRLF}{}`, { status: 400 }],
    ['Transfer-Encoding with a look-alike', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: xchunked${CRLF}${CRLF}`, { status: 400 }],
    ['a chunk size that is not hex', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}zz${CRLF}{}${CRLF}0${CRLF}${CRLF}`, { status: 400 }],
    ['a chunked body of 1 MiB in small chunks', ({ cookie, csrf }) => `POST /v1/projects HTTP/1.1${CRLF}Host: x${CRLF}Cookie: ${cookie}${CRLF}X-CSRF-Token: ${csrf}${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}Connection: close${CRLF}${CRLF}${`4000${CRLF}${'a'.repeat(0x4000)}${CRLF}`.repeat(64)}0${CRLF}${CRLF}`, { status: 413 }],
    ['an obsolete folded header line', ({ bearer }) => `GET /v1/keys HTTP/1.1${CRLF}Host: x${CRLF}Authorization: Bearer${CRLF} ${bearer}${CRLF}${CRLF}`, { status: 400 }],
    ['a space before the colon', () => `GET /v1/keys HTTP/1.1${CRLF}Host: x${CRLF}Authorization : Bearer x${CRLF}${CRLF}`, { status: 400 }],
    ['a NUL in a header value', () => `GET /v1/keys HTTP/1.1${CRLF}Host: x${CRLF}X-Api-Key: a\u0000b${CRLF}${CRLF}`, { status: 400 }],
    ['a header name with a non-token byte', () => `GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}X(Bad): 1${CRLF}${CRLF}`, { status: 400 }],
    ['headers over 16 KiB', ({ cookie }) => `GET /v1/keys HTTP/1.1${CRLF}Host: x${CRLF}Cookie: ${cookie}; pad=${'p'.repeat(20_000)}${CRLF}${CRLF}`, { status: 431 }],
    ['a request line over 16 KiB', () => `GET /v1/keys?q=${'q'.repeat(20_000)} HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, { status: 431 }],
    ['a request line that is not HTTP', () => `HELLO${CRLF}${CRLF}`, { status: 400 }],
    ['a method with a space in it', () => `GE T /healthz HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, { status: 400 }],
    ['an unknown HTTP version', () => `GET /healthz HTTP/9.9${CRLF}Host: x${CRLF}${CRLF}`, { status: 400 }],
    ['the HTTP/2 connection preface', () => `PRI * HTTP/2.0${CRLF}${CRLF}SM${CRLF}${CRLF}`, { allowNoResponse: true }],
    ['TLS bytes on the plain port', () => '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003', { status: 400 }],
    ['500 header lines', () => `GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}Connection: close${CRLF}${Array.from({ length: 500 }, (_, i) => `X-H${i}: ${i}`).join(CRLF)}${CRLF}${CRLF}`, { status: 200 }],
    ['HTTP/1.0 without Host', () => `GET /healthz HTTP/1.0${CRLF}${CRLF}`, { status: 200 }],
    ['an absolute-form target naming another host', () => `GET http://evil.example/healthz HTTP/1.1${CRLF}Host: evil.example${CRLF}Connection: close${CRLF}${CRLF}`, {}],
    ['pipelined requests, the second malformed', () => `GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: zz${CRLF}${CRLF}`, {}],
    ['an Expect other than 100-continue', () => `POST /v1/keys/verify HTTP/1.1${CRLF}Host: x${CRLF}Expect: 200-ok${CRLF}Content-Length: 2${CRLF}${CRLF}{}`, { status: 417 }],
    ['Expect: 100-continue with a refused body', () => `POST /v1/projects HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: text/plain${CRLF}Expect: 100-continue${CRLF}Content-Length: 2${CRLF}Connection: close${CRLF}${CRLF}{}`, {}],
    ['an X-HTTP-Method-Override header (ignored)', ({ cookie }) => `GET /v1/projects HTTP/1.1${CRLF}Host: x${CRLF}Cookie: ${cookie}${CRLF}X-HTTP-Method-Override: DELETE${CRLF}Connection: close${CRLF}${CRLF}`, { status: 200 }],
  ];

  it.each(FIXED)('%s', async (label, build, expected) => {
    const response = await check(build({ bearer, cookie, csrf }), label, { allowNoResponse: expected.allowNoResponse });
    if (expected.status !== undefined) expect(response.status, response.text.slice(0, 300)).toBe(expected.status);
  });

  it('a body cut off mid-way (the client goes away) leaves the server answering', async () => {
    const { hostname, port } = new URL(server.url);
    const { connect } = await import('node:net');
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect({ host: hostname, port: Number(port) }, () => {
          socket.write(`POST /v1/projects HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nX-Csrf-Token: ${csrf}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":"cut`);
          setTimeout(() => socket.destroy(), 5);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const projects = (await (await fetch(`${server.url}/v1/projects?limit=100`, { headers: { cookie } })).json()) as { items: { name: string }[] };
    expect(projects.items.some((project) => project.name.startsWith('cut'))).toBe(false);
  });

  it('is still healthy and logged no unhandled error, nor any credential it was sent', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    const all = server.logs.join('\n');
    for (const secret of [bearer, cookie.split('=')[1]!, csrf]) expect(all).not.toContain(secret);
  });
});
