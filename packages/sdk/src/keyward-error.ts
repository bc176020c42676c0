import type { Problem } from './types.ts';

/**
 * Keyward answered with an error: `status` and the problem's stable `code` say what, `detail`
 * says it for a person, `errors` names the fields a 400 refused.
 *
 * @example
 * try { await keyward.keys.get(id) } catch (error) {
 *   if (error instanceof KeywardError && error.code === 'NOT_FOUND') …
 * }
 */
export class KeywardError extends Error {
  override name = 'KeywardError';
  readonly status: number;
  readonly code: string;
  readonly errors: { path: string; message: string }[];
  /** The whole problem body as received. */
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }

  /** The error for a response that is not 2xx, whether or not its body is a problem. */
  static fromResponse(response: Response, body: unknown): KeywardError {
    if (isProblem(body)) return new KeywardError(body);
    const detail = typeof body === 'string' && body.trim() !== '' ? body.slice(0, 500) : `HTTP ${response.status} ${response.statusText}`;
    return new KeywardError({ type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail, code: `HTTP_${response.status}` });
  }
}

/**
 * Keyward could not be reached (refused connection, DNS failure, reset, timeout), after the
 * client's retries. `cause` holds the last underlying error.
 */
export class KeywardConnectionError extends Error {
  override name = 'KeywardConnectionError';

  constructor(url: string, cause: unknown) {
    super(`could not reach Keyward at ${url}: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}`, { cause });
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.code === 'string' && typeof candidate.detail === 'string';
}
