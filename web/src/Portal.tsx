import '@mantine/dates/styles.css';
import { Navigate, Route, Routes } from 'react-router';
import { PortalLinkPage } from './pages/PortalLinkPage.tsx';
import { PortalPage } from './pages/PortalPage.tsx';
import { PORTAL_PATHS } from './paths.ts';

/**
 * The self-service portal: its own chunk, loaded instead of the console for /portal paths
 * (App.tsx), so a customer's browser runs no sign-in gate and fetches nothing of the console.
 */
export default function Portal() {
  return (
    <Routes>
      <Route path={PORTAL_PATHS.home} element={<PortalPage />} />
      <Route path={PORTAL_PATHS.link} element={<PortalLinkPage />} />
      <Route path="*" element={<Navigate to={PORTAL_PATHS.home} replace />} />
    </Routes>
  );
}
