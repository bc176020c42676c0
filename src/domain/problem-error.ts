/** One entry of a problem's `errors` list: which input was wrong, and why. */
export type ProblemFieldError = { path: string; message: string };

/**
 * The one error type the service layer throws. The HTTP layer renders it as an RFC 9457
 * problem (`application/problem+json`); `code` is the stable machine-readable part.
 *
 * @example throw new ProblemError(404, 'NOT_FOUND', 'No key with id key_123.')
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors?: ProblemFieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    detail: string,
    errors?: ProblemFieldError[],
    headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

/** Shorthands for the problems every layer raises, so codes stay spelled one way. */
export const problems = {
  validation: (detail: string, errors?: ProblemFieldError[]) =>
    new ProblemError(400, 'VALIDATION_FAILED', detail, errors),
  notFound: (detail: string) => new ProblemError(404, 'NOT_FOUND', detail),
  conflict: (detail: string) => new ProblemError(409, 'CONFLICT', detail),
  forbidden: (detail: string) => new ProblemError(403, 'FORBIDDEN', detail),
  unauthenticated: (detail: string) => new ProblemError(401, 'UNAUTHENTICATED', detail),
};
