import '@mantine/dates/styles.css';
import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { GroupsPage } from './pages/GroupsPage.tsx';
import { IdentitiesPage } from './pages/IdentitiesPage.tsx';
import { IdentityPage } from './pages/IdentityPage.tsx';
import { KeyPage } from './pages/KeyPage.tsx';
import { KeysPage } from './pages/KeysPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProjectsPage } from './pages/ProjectsPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { WebhookPage } from './pages/WebhookPage.tsx';
import { WebhooksPage } from './pages/WebhooksPage.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { PATHS, type SignInState } from './paths.ts';

// The charts library is most of a megabyte: loaded when the usage page is first opened.
const UsagePage = lazy(() => import('./pages/UsagePage.tsx').then((module) => ({ default: module.UsagePage })));

/**
 * The console behind the sign-in gate: its own chunk, so the sign-in page loads only what it
 * shows (AppRoutes loads this once someone is signed in).
 */
export default function Console() {
  const location = useLocation();
  const next = (location.state as SignInState | null)?.next;
  return (
    <Routes>
      <Route path={PATHS.signIn} element={<Navigate to={next && next !== PATHS.signIn ? next : PATHS.keys} replace />} />
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to={PATHS.keys} replace />} />
        <Route path={PATHS.keys} element={<KeysPage />} />
        <Route path={`${PATHS.keys}/:id`} element={<KeyPage />} />
        <Route
          path={PATHS.usage}
          element={
            <Suspense fallback={<Loader aria-label="Loading usage" />}>
              <UsagePage />
            </Suspense>
          }
        />
        <Route path={PATHS.identities} element={<IdentitiesPage />} />
        <Route path={`${PATHS.identities}/:id`} element={<IdentityPage />} />
        <Route path={PATHS.users} element={<UsersPage />} />
        <Route path={PATHS.groups} element={<GroupsPage />} />
        <Route path={PATHS.projects} element={<ProjectsPage />} />
        <Route path={PATHS.audit} element={<AuditPage />} />
        <Route path={PATHS.webhooks} element={<WebhooksPage />} />
        <Route path={`${PATHS.webhooks}/:id`} element={<WebhookPage />} />
        <Route path={PATHS.account} element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
