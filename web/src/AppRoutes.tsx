import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { onSessionEnded } from './api/keyward.ts';
import { forgetSession, useMe } from './api/queries/session.ts';
import { FullPageLoader } from './components/FullPageLoader.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { PATHS, type SignInState } from './paths.ts';

const Console = lazy(() => import('./Console.tsx'));

/**
 * The sign-in gate. A 401 from any call made in a session (it expired, or was ended elsewhere)
 * returns the person to sign-in with the server's notice, and back to the same page afterwards.
 */
export function AppRoutes() {
  const me = useMe();
  const client = useQueryClient();
  const location = useLocation();
  const here = location.pathname + location.search;
  // Why the person is back at sign-in (the server's words), until they sign in again.
  const [notice, setNotice] = useState<string>();

  useEffect(
    () =>
      onSessionEnded((ended) => {
        setNotice(ended);
        // Signed out: the gate below sends the person to sign-in, remembering this page.
        forgetSession(client);
      }),
    [client],
  );
  const signedIn = Boolean(me.data);
  useEffect(() => {
    if (signedIn) setNotice(undefined);
  }, [signedIn]);

  if (me.isPending) return <FullPageLoader label="Loading Keyward" />;
  if (!me.data) {
    const next = location.pathname === PATHS.signIn ? undefined : here;
    return (
      <Routes>
        <Route path={PATHS.signIn} element={<SignInPage notice={notice} />} />
        <Route path="*" element={<Navigate to={PATHS.signIn} replace state={{ next } satisfies SignInState} />} />
      </Routes>
    );
  }
  return (
    <Suspense fallback={<FullPageLoader label="Loading the console" />}>
      <Console />
    </Suspense>
  );
}
