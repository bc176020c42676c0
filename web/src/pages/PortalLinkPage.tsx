import { useParams, Navigate } from 'react-router';
import { lastPortalScope } from '../api/portal.ts';
import { usePortalLinkRefusal, usePortalScope } from '../api/queries/portal.ts';
import { FullPageLoader } from '../components/FullPageLoader.tsx';
import { PortalEnded, type PortalEndReason } from '../components/portal/PortalEnded.tsx';
import { PORTAL_PATHS } from '../paths.ts';

const REASONS: Record<string, PortalEndReason> = { PORTAL_LINK_USED: 'PORTAL_LINK_USED', PORTAL_LINK_EXPIRED: 'PORTAL_LINK_EXPIRED' };

/**
 * A portal link the server refused (the server answers a browser with this page and the
 * refusal's status): why, in words, and, when this browser still holds the session the link
 * opened before, the way to its keys.
 */
export function PortalLinkPage() {
  const { link = '' } = useParams();
  const refusal = usePortalLinkRefusal(link);
  const scope = usePortalScope();
  if (refusal.isPending || scope.isPending) return <FullPageLoader label="Checking the link" />;
  // It opened after all (only where the server did not answer first, as Vite's dev server).
  if (refusal.data === null) return <Navigate to={PORTAL_PATHS.home} replace />;
  const reason = refusal.isError ? 'unavailable' : (REASONS[refusal.data?.code ?? ''] ?? 'invalid');
  return <PortalEnded reason={reason} scope={scope.data ?? lastPortalScope()} stillOpen={Boolean(scope.data)} onRetry={refusal.isError ? () => void refusal.refetch() : undefined} />;
}
