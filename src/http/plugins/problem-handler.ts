import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ProblemError, type ProblemFieldError } from '../../domain/problem-error.ts';
import { isStoreUnavailable } from '../../domain/store-unavailable.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const PROBLEM_TYPE = 'application/problem+json';

/** An RFC 9457 problem: the one shape of every error Keyward answers. */
function problemBody(status: number, code: string, detail: string, errors?: ProblemFieldError[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `https://keyward.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
  };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

/** Sends an RFC 9457 problem. */
export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, errors?: ProblemFieldError[]) {
  return reply.code(status).type(PROBLEM_TYPE).send(problemBody(status, code, detail, errors));
}

/**
 * Writes a problem on a bare Node response, for the answers given below Fastify (a request
 * refused before routing, the verify fast path): `headers` come on top of the problem's own.
 */
export function writeProblem(response: ServerResponse, status: number, code: string, detail: string, headers: Record<string, string | number> = {}): void {
  const text = problemText(status, code, detail);
  response.writeHead(status, { 'content-type': PROBLEM_TYPE, 'x-content-type-options': 'nosniff', ...headers, 'content-length': Buffer.byteLength(text) }).end(text);
}

type AjvError = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

/** Ajv's errors as `{path, message}` a person can act on. */
function fieldErrors(errors: AjvError[]): ProblemFieldError[] {
  return errors.map((error) => {
    if (error.keyword === 'required') {
      return { path: `${error.instancePath}/${String(error.params.missingProperty)}`, message: 'is required' };
    }
    if (error.keyword === 'additionalProperties') {
      return { path: `${error.instancePath}/${String(error.params.additionalProperty)}`, message: 'is not a known field' };
    }
    return { path: error.instancePath || '/', message: error.message ?? 'is not valid' };
  });
}

// Fastify's own request errors, mapped to the contract's stable codes.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_JSON', 'The body is empty but the content type says JSON.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON', 'The body is not valid JSON.'],
  // Router errors: raised before any route runs, so they reach `sendFrameworkProblem`, not the error handler.
  FST_ERR_BAD_URL: [400, 'BAD_REQUEST', 'The URL is not valid: a path segment is not correctly percent-encoded.'],
  FST_ERR_MAX_PARAM_LENGTH: [400, 'VALIDATION_FAILED', 'A path parameter is longer than any id; check the URL.'],
};

/**
 * Fastify's `frameworkErrors` hook: the router's own refusals (a badly encoded or over-long
 * path segment) as problems too, instead of Fastify's plain JSON.
 */
export function sendFrameworkProblem(error: FastifyError, _request: unknown, reply: FastifyReply) {
  const [status, code, detail] = FASTIFY_CODES[error.code] ?? [400, 'BAD_REQUEST', 'The request is not valid.'];
  return sendProblem(reply, status, code, detail);
}

// Node's own refusals, before any request object exists: [status, code, detail].
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request line or headers are larger than 16 KiB.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.'],
};

/** A problem as JSON text, for the answers written below Fastify (no reply object there). */
export function problemText(status: number, code: string, detail: string): string {
  return JSON.stringify(problemBody(status, code, detail));
}

/** A 400 problem written before any framework sees the request, and the connection closed. */
function refuseAndClose(response: ServerResponse, detail: string): true {
  writeProblem(response, 400, 'BAD_REQUEST', detail, { connection: 'close' });
  return true;
}

/**
 * RFC 9112 §6.3: a request whose Transfer-Encoding does not end in chunked has no knowable body
 * length; the server must answer 400 and close the connection. Node passes such requests on,
 * so this runs in front of everything (app.ts). True when it answered.
 */
export function refuseUnframedBody(request: IncomingMessage, response: ServerResponse): boolean {
  const codings = request.headers['transfer-encoding'];
  if (codings === undefined || codings.split(',').at(-1)!.trim().toLowerCase() === 'chunked') return false;
  return refuseAndClose(response, 'The Transfer-Encoding header must end in chunked.');
}

/**
 * HTTP/1.1 requires a Host header (RFC 9112, 3.2). Node's own check answers a bare 400 without a
 * body, so the server is made without it and refuses here, with a problem like every other
 * refusal. HTTP/1.0 requests may leave it out.
 */
export function refuseMissingHost(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.headers.host !== undefined || request.httpVersionMinor === 0) return false;
  return refuseAndClose(response, 'An HTTP/1.1 request needs a Host header.');
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (malformed request
 * line or headers, conflicting Content-Length and Transfer-Encoding, headers over 16 KiB)
 * gets a problem too, written straight to the socket, which is then closed.
 */
export function sendClientErrorProblem(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.'];
  const body = problemText(status, code, detail);
  // Only the code: the error carries the raw bytes received (`rawPacket`), which may hold a token.
  this.log.debug({ code: error.code }, 'client error refused');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_TYPE}\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * An error no route expected, logged and described: the database out of reach is a 503 to
 * retry, anything else a 500. Shared by the error handler and the verify fast path.
 */
export function serverFailure(error: unknown, log: FastifyBaseLogger): { status: 500 | 503; code: string; detail: string; headers: Record<string, string> } {
  if (isStoreUnavailable(error)) {
    log.warn({ err: error }, 'database unavailable');
    return { status: 503, code: 'STORE_UNAVAILABLE', detail: 'The database cannot be reached; try again shortly.', headers: { 'retry-after': '2' } };
  }
  log.error({ err: error }, 'unhandled error');
  return { status: 500, code: 'INTERNAL', detail: 'Something went wrong on our side; it has been logged.', headers: {} };
}

/** Turns every error into a problem response; nothing else in Keyward renders errors. */
export function installProblemHandler(app: FastifyInstance): void {
  // Node answers an Expect other than 100-continue itself, with a bare 417; answer a problem.
  app.server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    writeProblem(response, 417, 'EXPECTATION_FAILED', 'Only "Expect: 100-continue" is supported.', { connection: 'close' });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(reply, error.status, error.code, error.message, error.errors);
    }
    if (error.validation) {
      const where = { body: 'body', querystring: 'query string', params: 'path', headers: 'headers' }[error.validationContext ?? 'body'] ?? 'request';
      return sendProblem(reply, 400, 'VALIDATION_FAILED', `The ${where} is not valid.`, fieldErrors(error.validation as AjvError[]));
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendProblem(reply, known[0], known[1], known[2]);
    // JSON.parse errors (malformed JSON, prototype poisoning) carry 400 but no FST_ code.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const detail = error instanceof SyntaxError ? 'The body is not valid JSON.' : error.message;
      return sendProblem(reply, error.statusCode, error instanceof SyntaxError ? 'MALFORMED_JSON' : 'BAD_REQUEST', detail);
    }
    const failure = serverFailure(error, request.log);
    reply.headers(failure.headers);
    return sendProblem(reply, failure.status, failure.code, failure.detail);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}
