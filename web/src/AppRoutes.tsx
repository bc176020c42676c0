import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { onSessionEnded } from './api/keyward.ts';
import { forgetSession, useMe } from './api/queries/session.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { GroupsPage } from './pages/GroupsPage.tsx';
import { KeysPage } from './pages/KeysPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProjectsPage } from './pages/ProjectsPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { PATHS, type SignInState } from './paths.ts';

// The charts library is most of a megabyte: loaded when the usage page is first opened.
const UsagePage = lazy(() => import('./pages/UsagePage.tsx').then((module) => ({ default: module.UsagePage })));

/**
 * The routes behind the sign-in gate. A 401 from any call made in a session (it expired, or
 * was ended elsewhere) returns the person to sign-in with the server's notice, and back to the
 * same page afterwards.
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

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Keyward" />
      </Center>
    );
  }
  if (!me.data) {
    const next = location.pathname === PATHS.signIn ? undefined : here;
    return (
      <Routes>
        <Route path={PATHS.signIn} element={<SignInPage notice={notice} />} />
        <Route path="*" element={<Navigate to={PATHS.signIn} replace state={{ next } satisfies SignInState} />} />
      </Routes>
    );
  }
  const next = (location.state as SignInState | null)?.next;
  return (
    <Routes>
      <Route path={PATHS.signIn} element={<Navigate to={next && next !== PATHS.signIn ? next : PATHS.keys} replace />} />
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to={PATHS.keys} replace />} />
        <Route path={PATHS.keys} element={<KeysPage />} />
        <Route
          path={PATHS.usage}
          element={
            <Suspense fallback={<Loader aria-label="Loading usage" />}>
              <UsagePage />
            </Suspense>
          }
        />
        <Route path={PATHS.users} element={<UsersPage />} />
        <Route path={PATHS.groups} element={<GroupsPage />} />
        <Route path={PATHS.projects} element={<ProjectsPage />} />
        <Route path={PATHS.audit} element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
