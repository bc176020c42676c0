import type { PortalScope } from '@keyward/sdk';

/**
 * Where the portal links back to, and the host people know the application by
 * ("app.example.com"), or undefined. The server takes only absolute http(s) addresses; the
 * scheme is checked again here, since the address becomes a link's href.
 */
export function returnLink(scope: Pick<PortalScope, 'returnUrl'> | undefined): { href: string; host: string } | undefined {
  if (!scope?.returnUrl) return undefined;
  const url = new URL(scope.returnUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return { href: url.href, host: url.host };
}
