import type { FastifyRequest } from 'fastify';
import { TOKEN_PATTERN } from '../domain/token.ts';

// Query parameters whose values are ids, names of enums, numbers or cursors: worth logging and
// never secret. Every other value is masked, above all `q` (the key search, into which people
// paste whole tokens) and parameters no route knows (`?key=…`, `?token=…` from a client that
// puts its key in the URL).
const HARMLESS_QUERY_PARAMETERS = new Set(['projectId', 'ownerId', 'owner', 'status', 'limit', 'cursor', 'force', 'permission', 'actorId', 'keyId', 'action']);
const TOKEN_ANYWHERE = new RegExp(TOKEN_PATTERN, 'g');
const MASK = '[redacted]';

/**
 * A part of a URL with its tokens masked, also those written percent-encoded (`fb%5F3kP9…`):
 * a part that holds a token only once decoded is logged decoded, with the token masked.
 */
function maskTokens(part: string): string {
  const masked = part.replace(TOKEN_ANYWHERE, MASK);
  if (!part.includes('%')) return masked;
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return masked; // not valid percent-encoding: nothing it could decode to
  }
  const decodedMasked = decoded.replace(TOKEN_ANYWHERE, MASK);
  return decodedMasked === decoded ? masked : decodedMasked;
}

/**
 * The URL as it may be logged: tokens in the path masked, and in the query string only the
 * values of known, harmless parameters kept.
 *
 * @example loggableUrl('/v1/keys?q=fb_3kP9…&limit=5') // '/v1/keys?q=[redacted]&limit=5'
 */
export function loggableUrl(url: string): string {
  const mark = url.indexOf('?');
  const path = maskTokens(mark < 0 ? url : url.slice(0, mark));
  if (mark < 0) return path;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      // An unknown name is masked whole: `?fb_3kP9…` puts the secret in the name.
      if (!HARMLESS_QUERY_PARAMETERS.has(name)) return equals < 0 ? MASK : `${maskTokens(name)}=${MASK}`;
      return maskTokens(pair);
    })
    .join('&');
  return `${path}?${query}`;
}

/** Fastify's request log serializer, with the URL made loggable (see `loggableUrl`). */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: loggableUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
