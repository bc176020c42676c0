import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isAllowed, parseAllowlist } from '../domain/ip-allowlist.ts';
import { ProblemError } from '../domain/problem-error.ts';
import { secretsEqual } from '../domain/token.ts';
import { bearerToken } from './plugins/authentication.ts';

const LOOPBACK = parseAllowlist(['127.0.0.0/8', '::1']);
// A proxy on the same host connects from loopback for every client it forwards: a request that
// names a client at all came through one, whatever the proxy settings say.
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Who may read `/metrics` (sign-in outcomes, traffic per route: a map for an attacker):
 * with a token configured, whoever sends it as `Authorization: Bearer <token>` (401 otherwise);
 * without one, only a client on this host talking to us directly (403 otherwise).
 *
 * @example app.get('/metrics', { onRequest: metricsAccess(config.metricsToken) }, handler)
 */
export function metricsAccess(token: string | undefined): (request: FastifyRequest) => Promise<void> {
  // Digests compared, so the comparison takes the same time whatever the length sent.
  const expected = token === undefined ? undefined : digest(token);
  return async (request) => {
    if (expected !== undefined) {
      const sent = bearerToken(request.headers.authorization);
      if (sent === undefined || !secretsEqual(digest(sent), expected)) {
        throw new ProblemError(401, 'UNAUTHENTICATED', 'Send the metrics token as "Authorization: Bearer <KEYWARD_METRICS_TOKEN>".', undefined, {
          'www-authenticate': 'Bearer realm="keyward-metrics"',
        });
      }
      return;
    }
    const forwarded = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
    if (forwarded || !isAllowed(LOOPBACK, request.socket.remoteAddress)) {
      throw new ProblemError(403, 'FORBIDDEN', '/metrics answers clients on this host only; set KEYWARD_METRICS_TOKEN to scrape it from elsewhere.');
    }
  };
}
