import { createKeywardClient, type KeywardClient, type KeywardClientOptions } from './client.ts';
import type { LimitAnswer, LimitRequest, Problem, VerificationCode, VerifiedIdentity, VerifyRequest, VerifyResult } from './types.ts';

/** What the middleware puts on a request whose key passed. */
export type VerifiedKey = {
  keyId: string;
  /** The console user the key belongs to, or null for a key without an owner. */
  ownerId: string | null;
  projectId: string;
  /** Everything the key holds (its groups' permissions), not only the ones this route required. */
  permissions: string[];
  meta: Record<string, unknown>;
  expiresAt: string | null;
  /** The identity (your customer) the key belongs to, with its meta; null for a key without one. */
  identity: VerifiedIdentity | null;
  /** How every limit that applied to this request stands (empty when none did): for RateLimit headers. */
  ratelimits: LimitAnswer[];
};

/** @deprecated The old name of `VerifiedKey` (it is the key, not an identity). */
export type KeywardIdentity = VerifiedKey;

/**
 * The named limits a route spends: a list, or a function of the framework's request that
 * answers one (or undefined for none), e.g. to charge by the size of the request.
 */
export type RatelimitsOption<Request> = readonly LimitRequest[] | ((request: Request) => readonly LimitRequest[] | undefined);

/** Options shared by the Express, Fastify and Hono middleware. */
export type GuardOptions = {
  /** A client (share one to share its verify cache), or the options to make one. */
  keyward: KeywardClient | KeywardClientOptions;
  /** Only keys of this project pass; keys of other projects answer 401 like unknown ones. */
  projectId?: string;
  /** Permissions the key must hold, all of them (or a permission query, where the server supports it). */
  permissions?: VerifyRequest['permissions'];
  /**
   * Named limits this route spends, each with its cost (default 1): the key's limit by that
   * name, else its identity's (shared by all its keys), on top of the automatic ones. The
   * framework adapters also take a function of the request (`RatelimitsOption`).
   */
  ratelimits?: readonly LimitRequest[];
  /**
   * Called when Keyward could not answer (unreachable, or it refused the middleware's own
   * credential); the request gets 503 either way. Use it to log.
   */
  onError?: (error: unknown) => void;
};

/**
 * The credential and address as the framework read them from the request, and the named
 * limits this request spends (they replace the options' `ratelimits`).
 */
export type GuardInput = { authorization?: string; apiKey?: string; ip?: string; ratelimits?: readonly LimitRequest[] };

/** Let the request through with what Keyward said of its key, or answer it with this problem. */
export type GuardOutcome =
  | { ok: true; key: VerifiedKey }
  | { ok: false; status: 401 | 403 | 429 | 503; headers: Record<string, string>; problem: Problem & { verification?: VerificationCode } };

// Keyward refuses longer tokens with a 400; no real token comes near this.
const MAX_TOKEN_LENGTH = 512;

const STATUS: Record<VerificationCode, 200 | 401 | 403 | 429> = {
  VALID: 200,
  NOT_FOUND: 401,
  DISABLED: 401,
  EXPIRED: 401,
  IP_NOT_ALLOWED: 403,
  INSUFFICIENT_PERMISSIONS: 403,
  RATE_LIMITED: 429,
  USAGE_EXCEEDED: 429,
};

const TITLES = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 503: 'Service Unavailable' } as const;
const CHALLENGE = 'Bearer realm="keyward"';

/** The named limits one request spends: the list, or what the function answers for it. */
export function ratelimitsFor<Request>(option: RatelimitsOption<Request> | undefined, request: Request): readonly LimitRequest[] | undefined {
  return typeof option === 'function' ? option(request) : option;
}

/** The key a request carries: `Authorization: Bearer <key>` first, else `X-API-Key`. */
export function credentialOf(input: GuardInput): string | undefined {
  const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(input.authorization ?? '')?.[1];
  const key = bearer ?? input.apiKey?.trim();
  return key === '' ? undefined : key;
}

function refusal(status: 401 | 403 | 429 | 503, code: string, detail: string, verification?: VerificationCode, retryAfterSeconds = 1): GuardOutcome {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' };
  if (status === 401) headers['www-authenticate'] = verification ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE;
  if (status === 429) headers['retry-after'] = String(retryAfterSeconds);
  const problem = { type: `https://keyward.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`, title: TITLES[status], status, detail, code, ...(verification ? { verification } : {}) };
  return { ok: false, status, headers, problem };
}

/** The limits a RATE_LIMITED answer says were exceeded (the old single `ratelimit` when it names none). */
function exceededLimits(result: VerifyResult): { name: string; resetAt: string }[] {
  const exceeded = (result.ratelimits ?? []).filter((limit) => limit.exceeded);
  if (exceeded.length > 0) return exceeded;
  return result.ratelimit ? [{ name: 'default', resetAt: result.ratelimit.resetAt }] : [];
}

/**
 * Seconds until every exceeded limit has room again (the latest of their resets, at least 1):
 * a client that waits less would only be refused by the limit that frees up last. 1 when the
 * answer does not say.
 */
function retryAfter(exceeded: readonly { resetAt: string }[]): number {
  const resets = exceeded.map((limit) => Date.parse(limit.resetAt)).filter((at) => !Number.isNaN(at));
  return resets.length === 0 ? 1 : Math.max(1, Math.ceil((Math.max(...resets) - Date.now()) / 1000));
}

function overLimit(result: VerifyResult): GuardOutcome {
  const exceeded = result.code === 'RATE_LIMITED' ? exceededLimits(result) : [];
  const names = exceeded.length > 0 ? ` (${exceeded.map((limit) => limit.name).join(', ')})` : '';
  return refusal(429, 'RATE_LIMITED', `The API key is over its limit: ${result.code}${names}.`, result.code, retryAfter(exceeded));
}

function outcomeOf(result: VerifyResult): GuardOutcome {
  const status = STATUS[result.code];
  if (status === 200 && result.valid) {
    return {
      ok: true,
      key: {
        keyId: result.keyId ?? '',
        ownerId: result.ownerId ?? null,
        projectId: result.projectId ?? '',
        permissions: result.permissions ?? [],
        meta: result.meta ?? {},
        expiresAt: result.expiresAt ?? null,
        identity: result.identity ?? null,
        ratelimits: result.ratelimits ?? [],
      },
    };
  }
  if (status === 403) return refusal(403, 'FORBIDDEN', `The API key may not do this: ${result.code}.`, result.code);
  if (status === 429) return overLimit(result);
  return refusal(401, 'UNAUTHENTICATED', `The API key was refused: ${result.code}.`, result.code);
}

/**
 * The framework-neutral part of the middleware: reads the key, asks Keyward, and says whether
 * the request goes on (with the verified key) or is answered with a 401/403/429 problem. It
 * fails closed: when Keyward cannot answer, the request gets 503, never a pass.
 *
 * @example const guard = createRequestGuard({ keyward: { baseUrl }, permissions: ['orders.read'] })
 */
export function createRequestGuard(options: GuardOptions): (input: GuardInput) => Promise<GuardOutcome> {
  const keyward = 'verify' in options.keyward ? options.keyward : createKeywardClient(options.keyward);
  return async (input) => {
    const key = credentialOf(input);
    if (key === undefined) return refusal(401, 'UNAUTHENTICATED', 'No API key: send Authorization: Bearer <key> or X-API-Key.');
    if (key.length > MAX_TOKEN_LENGTH) return refusal(401, 'UNAUTHENTICATED', 'The API key was refused: NOT_FOUND.', 'NOT_FOUND');
    const ratelimits = input.ratelimits ?? options.ratelimits;
    try {
      const result = await keyward.verify(key, {
        ...(options.projectId !== undefined ? { projectId: options.projectId } : {}),
        ...(options.permissions !== undefined ? { permissions: options.permissions } : {}),
        ...(input.ip ? { ip: input.ip } : {}),
        ...(ratelimits && ratelimits.length > 0 ? { ratelimits: [...ratelimits] } : {}),
      });
      return outcomeOf(result);
    } catch (error) {
      options.onError?.(error);
      return refusal(503, 'KEYWARD_UNAVAILABLE', 'API keys cannot be checked right now; try again shortly.');
    }
  };
}
