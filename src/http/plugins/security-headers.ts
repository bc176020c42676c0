import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * helmet's response headers for the given options, computed once. helmet decides the policy
 * (CSP, HSTS, frame, referrer, …); we only capture what its middleware would set. The Fastify
 * wrapper (@fastify/helmet) builds helmet's middleware anew on every request, parsing the CSP
 * each time: a profile of the verify route showed it among the largest costs of a request.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return Object.freeze(headers);
}

/**
 * Sends helmet's headers with every answer (404s and errors included) except on routes whose
 * `config.securityHeaders` is false: the verification routes, which send their own short set.
 * The self-service portal's pages (`/portal…`) may be framed by `portalFrameAncestors` (the
 * host application that links its customers there): their CSP names them in frame-ancestors,
 * and X-Frame-Options, which cannot name other origins, is left out there.
 */
export function installSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>, portal: { frameAncestors: readonly string[] } = { frameAncestors: [] }): void {
  const headers = helmetHeaders(options);
  const directives = (options.contentSecurityPolicy && typeof options.contentSecurityPolicy === 'object' ? options.contentSecurityPolicy.directives : undefined) ?? {};
  const portalOptions = { ...options, contentSecurityPolicy: { directives: { ...directives, frameAncestors: ["'self'", ...portal.frameAncestors] } } } as HelmetOptions;
  portalOptions.frameguard = false;
  const portalHeaders = portal.frameAncestors.length === 0 ? headers : helmetHeaders(portalOptions);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.securityHeaders !== false) reply.headers(request.url.startsWith('/portal') ? portalHeaders : headers);
    done();
  });
}
