import type { FastifyRequest } from 'fastify';
import { isAllowed, parseAllowlist, type IpAllowlist } from '../domain/ip-allowlist.ts';

/**
 * The caller's address. Fastify's `trustProxy` already reads X-Forwarded-For, but only from
 * the configured proxies; X-Real-IP (nginx's habit) is read here under the same rule, so a
 * client talking to us directly cannot claim an address.
 */
export function clientAddressResolver(trustedProxies: readonly string[]): (request: FastifyRequest) => string {
  const trusted: IpAllowlist = parseAllowlist(trustedProxies);
  return (request) => {
    if (trusted.length === 0) return request.ip;
    const realIp = request.headers['x-real-ip'];
    if (request.headers['x-forwarded-for'] === undefined && typeof realIp === 'string' && isAllowed(trusted, request.socket.remoteAddress)) {
      return realIp.trim();
    }
    return request.ip;
  };
}
