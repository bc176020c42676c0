import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { lastPortalScope, onPortalEnded } from '../api/portal.ts';
import { forgetPortalScope, usePortalScope, usePortalSignOut } from '../api/queries/portal.ts';
import { FullPageLoader } from '../components/FullPageLoader.tsx';
import { PortalEnded } from '../components/portal/PortalEnded.tsx';
import { PortalKeyList } from '../components/portal/PortalKeyList.tsx';
import { PortalLayout } from '../components/portal/PortalLayout.tsx';
import { returnLink } from '../model/portal-return-link.ts';

/**
 * The self-service portal (/portal): one identity's keys in one project, as the portal cookie
 * allows. Without a session (the link's time is up, or it was never opened in this browser) it
 * says so and where to get a new link; there is no sign-in here.
 */
export function PortalPage() {
  const scope = usePortalScope();
  const client = useQueryClient();
  const signOut = usePortalSignOut();
  const [signedOut, setSignedOut] = useState(false);

  // A 401 to any call: the session ended while the page was open (its time is up).
  useEffect(() => onPortalEnded(() => forgetPortalScope(client)), [client]);

  if (scope.isPending) return <FullPageLoader label="Loading your API keys" />;
  if (scope.isError) return <PortalEnded reason="unavailable" scope={lastPortalScope()} onRetry={() => void scope.refetch()} />;
  if (!scope.data) return <PortalEnded reason={signedOut ? 'signed-out' : 'expired'} scope={lastPortalScope()} />;
  return (
    <PortalLayout
      back={returnLink(scope.data)}
      onSignOut={() => signOut.mutate(undefined, { onSuccess: () => setSignedOut(true) })}
      signingOut={signOut.isPending}
    >
      <PortalKeyList scope={scope.data} />
    </PortalLayout>
  );
}
