import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { onSessionEnded } from './api/client.ts';
import { queryKeys, useMe } from './api/queries.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { GroupsPage } from './pages/GroupsPage.tsx';
import { KeysPage } from './pages/KeysPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProjectsPage } from './pages/ProjectsPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';

/** Where the sign-in page returns to, and why it was shown. */
export type SignInState = { next?: string; notice?: string };

export const KEYS_PATH = '/settings/api-keys';

/**
 * The routes behind the sign-in gate. A 401 from any call made in a session (it expired, or
 * was ended elsewhere) returns the person to sign-in with the server's notice, and back to the
 * same page afterwards.
 */
export function AppRoutes() {
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;

  useEffect(
    () =>
      onSessionEnded((error) => {
        const state: SignInState = { notice: error.detail, next: window.location.pathname + window.location.search };
        navigate('/sign-in', { replace: true, state });
        client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
        client.setQueryData(queryKeys.me, null);
      }),
    [client, navigate],
  );

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Keyward" />
      </Center>
    );
  }
  if (!me.data) {
    const next = location.pathname === '/sign-in' ? undefined : here;
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="*" element={<Navigate to="/sign-in" replace state={{ next } satisfies SignInState} />} />
      </Routes>
    );
  }
  const next = (location.state as SignInState | null)?.next;
  return (
    <Routes>
      <Route path="/sign-in" element={<Navigate to={next && next !== '/sign-in' ? next : KEYS_PATH} replace />} />
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to={KEYS_PATH} replace />} />
        <Route path={KEYS_PATH} element={<KeysPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/groups" element={<GroupsPage />} />
        <Route path="/projects" element={<ProjectsPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
