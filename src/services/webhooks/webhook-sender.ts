import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { destinationAddressError } from '../../domain/webhook-destination.ts';

/** What one POST to a receiver came to. */
export type SendResult = {
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  /** Why no acceptable answer came (connection refused, timeout, refused address, …). */
  error: string | null;
  /** The first characters of the answer's body. */
  excerpt: string | null;
  durationMs: number;
};

export type SendRequest = {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** KEYWARD_WEBHOOK_ALLOW_PRIVATE: skip the address check. */
  allowPrivate: boolean;
  /** Aborts the request (the app is stopping). */
  signal: AbortSignal;
};

// Enough of an answer to see what a receiver said; the rest is not read, let alone kept.
const EXCERPT_BYTES = 1024;
const EXCERPT_CHARS = 300;
const MAX_ERROR_CHARS = 300;

/**
 * A DNS look-up that refuses a name if any address it resolves to is not public. Handing it to
 * the request pins the connection to the addresses checked here, so a name that resolves to a
 * public address when checked and a private one when connecting (DNS rebinding) gains nothing.
 */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => destinationAddressError(entry.address));
      if (refused) {
        const range = destinationAddressError(refused.address);
        return callback(Object.assign(new Error(`refused: ${hostname} resolves to ${refused.address}, a ${range} address`), { code: 'EADDRNOTPUBLIC' }), '', 0);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_CHARS);
}

function readExcerpt(response: IncomingMessage, done: (excerpt: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    // Control characters are dropped: the excerpt is shown to people, never interpreted.
    done(Buffer.concat(chunks).toString('utf8').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').slice(0, EXCERPT_CHARS));
  };
  response.on('data', (chunk: Buffer) => {
    if (size < EXCERPT_BYTES) chunks.push(chunk.subarray(0, EXCERPT_BYTES - size));
    size += chunk.length;
    if (size >= EXCERPT_BYTES) {
      finish();
      response.destroy();
    }
  });
  response.on('end', finish);
  response.on('close', finish);
  response.on('error', finish);
}

/**
 * POSTs one delivery. Never throws: every outcome is a `SendResult`. Redirects are not
 * followed (a 3xx is an answer like any non-2xx), the whole exchange is bounded by
 * `timeoutMs`, and unless private destinations are allowed the receiver's address must be
 * public, whether the URL names it or DNS does.
 */
export function postWebhook(request: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const settle = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const url = new URL(request.url);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!request.allowPrivate && isIP(host) !== 0 && destinationAddressError(host)) {
      settle({ status: null, error: `refused: ${host} is a ${destinationAddressError(host)} address`, excerpt: null });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      // A connection per delivery: nothing pooled outlives a send, or a stop.
      agent: false,
      signal: request.signal,
      ...(request.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
    });
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer within ${request.timeoutMs / 1000} s`)), request.timeoutMs);
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? null;
      readExcerpt(response, (excerpt) => settle({ status, error: null, excerpt: excerpt === '' ? null : excerpt }));
    });
    outgoing.on('error', (error) => settle({ status: null, error: describeError(error), excerpt: null }));
    outgoing.end(request.body);
  });
}
