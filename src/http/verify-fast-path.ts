import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import injectRequest from 'light-my-request';
import type { ValidateFunction } from 'ajv';
import { verifyKey, type VerifyInput } from '../services/verification.ts';
import type { App } from './app-types.ts';
import { writeProblem, serverFailure } from './plugins/problem-handler.ts';
import { verifyInputOf, type VerifyRequestBody } from './routes/keys.verify.ts';
import { VERIFY_RESPONSE_HEADERS } from './schemas/common.ts';

// Bodies larger than this (a long permission list, many tags) take the framework's way.
const MAX_FAST_BODY_BYTES = 4096;
// Exactly what the framework's JSON parser takes; anything else (and its 415) is the framework's.
const FAST_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const JSON_HEADERS = { ...VERIFY_RESPONSE_HEADERS, 'content-type': 'application/json; charset=utf-8' };

/**
 * Runs the fast path's answer to one request inside a server span when tracing is on
 * (src/telemetry.ts); `started` is `performance.now()` when the request arrived. The span ends
 * when the response does, replayed ones too.
 */
export type VerifyTracer = (request: IncomingMessage, response: ServerResponse, started: number, answer: () => Promise<void>) => Promise<void>;

/**
 * `POST /v1/keys/verify` answered without the framework, for the requests that need nothing of
 * it: a JSON body of known length that the route's own schema accepts. Verification sits on
 * every call of every API behind Keyward, and Fastify's routing, hooks and reply machinery
 * cost more than the verification itself (profiled; see README "Speed"). Everything else
 * takes the framework's way: a request the fast path declines before reading it goes to
 * Fastify as it came; one it has read but cannot answer (malformed JSON, a body the schema
 * refuses, a bad permission query) is replayed into Fastify with its body, so every error
 * answer, log line and metric is the framework's own.
 *
 * The same schema (compiled by the same Ajv set-up), the same `verifyKey`, the same
 * response headers: the contract cannot tell the two ways apart.
 *
 * With `trace` (tracing on) each answer runs in a span; without it nothing is done per request.
 */
export function verifyFastPath(app: App, validate: ValidateFunction, frameworkHandler: RequestListener, trace?: VerifyTracer): RequestListener {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Fastify logs each request at info; so does the fast path, in the same words.
  const logRequests = ['trace', 'debug', 'info'].includes(app.log.level);

  /** Hands a request whose body was already read to Fastify, and writes its answer. */
  const replay = (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    app.metrics.countFastPath('replayed');
    injectRequest(frameworkHandler as never, {
      method: 'POST',
      url: request.url!,
      headers: request.headers,
      payload: body,
      remoteAddress: request.socket.remoteAddress,
    }).then(
      (answer) => {
        const headers = { ...answer.headers };
        for (const hopByHop of ['connection', 'keep-alive', 'transfer-encoding', 'date']) delete headers[hopByHop];
        response.writeHead(answer.statusCode, headers as never).end(answer.rawPayload);
      },
      (error: unknown) => fail(response, error),
    );
  };

  const fail = (response: ServerResponse, error: unknown) => {
    const failure = serverFailure(error, app.log);
    writeProblem(response, failure.status, failure.code, failure.detail, { ...failure.headers, ...VERIFY_RESPONSE_HEADERS });
  };

  const answer = async (request: IncomingMessage, response: ServerResponse, body: Buffer, started: number) => {
    let input: VerifyInput;
    try {
      // Plain JSON.parse: the schema allows no key but its own at the top and no object inside,
      // so a "__proto__" or "constructor" key is refused by it (and the body replayed, where
      // Fastify's parser refuses it as poisoning). JSON.parse never sets a prototype itself.
      const parsed = JSON.parse(body.toString('utf8')) as unknown;
      if (!validate(parsed)) return replay(request, response, body);
      // Throws on a bad address or permission query: replayed, for the framework's 400.
      input = verifyInputOf(parsed as VerifyRequestBody);
    } catch {
      return replay(request, response, body);
    }
    try {
      const result = await verifyKey(app.services, input);
      app.metrics.countVerification(result.code);
      app.metrics.countFastPath('answered');
      // A Content-Length, as Fastify sends: without it Node frames the answer as chunked, three
      // more buffers in every write (profiled: the write was most of the request's time).
      const text = JSON.stringify(result);
      response.writeHead(200, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text) }).end(text);
      const seconds = (performance.now() - started) / 1000;
      app.metrics.recordRequest('POST', '/v1/keys/verify', 200, seconds);
      if (logRequests) app.log.info({ req: { method: 'POST', url: '/v1/keys/verify' }, res: { statusCode: 200 }, responseTime: seconds * 1000 }, 'request completed');
    } catch (error) {
      fail(response, error);
    }
  };

  // Chosen once: tracing off leaves the request's way exactly as it was.
  const respond = trace
    ? (request: IncomingMessage, response: ServerResponse, body: Buffer, started: number) => trace(request, response, started, () => answer(request, response, body, started))
    : answer;

  return (request, response) => {
    const length = Number(request.headers['content-length']);
    if (
      closing ||
      request.method !== 'POST' ||
      request.url !== '/v1/keys/verify' ||
      !(length > 0 && length <= MAX_FAST_BODY_BYTES) ||
      !FAST_CONTENT_TYPES.has(request.headers['content-type']?.toLowerCase() ?? '') ||
      request.headers['transfer-encoding'] !== undefined
    ) {
      frameworkHandler(request, response);
      return;
    }
    const started = performance.now();
    const chunks: Buffer[] = [];
    // A connection reset mid-body: nobody is left to answer, and the error must not go unheard.
    request.on('error', () => {});
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void respond(request, response, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), started));
  };
}
