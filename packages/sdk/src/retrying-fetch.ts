/** How the client retries a request that did not get an answer. */
export type RetryOptions = {
  /** Further attempts after the first (default 2). */
  retries?: number;
  /** Wait before the first retry in ms, doubled on each further one, with jitter (default 100). */
  delayMs?: number;
  /** Time allowed for one attempt in ms before it counts as a network error (default 10,000). */
  timeoutMs?: number;
};

/** A `fetch` that takes a Request, as `openapi-fetch` calls it. */
export type RequestFetch = (request: Request) => Promise<Response>;

// Errors that prove the request never reached a server, so even a write is safe to send again.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Answers from a proxy or a server that is starting or stopping: worth another try for requests
// that are safe to repeat. A 500 is a bug, and a 4xx is the caller's to fix: neither is retried.
const TRANSIENT_STATUS = new Set([502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/**
 * Whether a request may be sent twice: reads and edits (which set fields to values) may;
 * verification may (it only reads, bar spending its cost of `remaining` and of its rate limits
 * once more if an answer was lost); creating or regenerating a key may not, since a lost answer
 * would leave an extra key.
 */
function isRepeatable(request: Request): boolean {
  return IDEMPOTENT.has(request.method) || new URL(request.url).pathname.endsWith('/v1/keys/verify');
}

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * Wraps `fetch` with a per-attempt timeout and retries on network errors (and 502/503/504 for
 * requests that are safe to repeat), backing off between attempts. A 4xx is never retried, and
 * neither is an abort the caller asked for.
 *
 * @example createClient({ baseUrl, fetch: retryingFetch(globalThis.fetch, { retries: 3 }) })
 */
export function retryingFetch(fetch: RequestFetch, options: RetryOptions = {}): RequestFetch {
  const { retries = 2, delayMs = 100, timeoutMs = 10_000 } = options;
  return async (request) => {
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt >= retries;
      // Each attempt sends its own copy: a body can be read only once.
      const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const response = await fetch(new Request(request.clone(), { signal }));
        if (last || !TRANSIENT_STATUS.has(response.status) || !isRepeatable(request)) return response;
        await response.body?.cancel();
      } catch (error) {
        if (request.signal.aborted) throw error;
        if (last || !(isRepeatable(request) || NOT_SENT.has(errorCode(error) ?? ''))) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt * (0.5 + Math.random() / 2)));
    }
  };
}
