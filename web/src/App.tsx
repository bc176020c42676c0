import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './api/query-client.ts';
import { AppRoutes } from './AppRoutes.tsx';
import { CrashBoundary } from './components/CrashBoundary.tsx';
import { FullPageLoader } from './components/FullPageLoader.tsx';
import { isPortalPath } from './paths.ts';
import { cssVariablesResolver, theme } from './theme.ts';

const queryClient = createQueryClient();

// The self-service portal is its own chunk, chosen by the path before the console's sign-in gate
// (AppRoutes) would run: a customer's browser asks nothing of the console's session.
const Portal = lazy(() => import('./Portal.tsx'));
const inPortal = isPortalPath(window.location.pathname);

/** The providers: theme (light/dark), notifications, data cache, dialogs and the router. */
export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      {/* Bottom right: never over the header's menu and account buttons (a phone's top edge).
          Below dialogs (Modal's z-index is 200): a notification never covers an open dialog. */}
      <Notifications position="bottom-right" limit={3} zIndex={190} />
      <CrashBoundary>
        <QueryClientProvider client={queryClient}>
          <ModalsProvider labels={{ confirm: 'Confirm', cancel: 'Cancel' }}>
            <BrowserRouter>
              {inPortal ? (
                <Suspense fallback={<FullPageLoader label="Loading your API keys" />}>
                  <Portal />
                </Suspense>
              ) : (
                <AppRoutes />
              )}
            </BrowserRouter>
          </ModalsProvider>
        </QueryClientProvider>
      </CrashBoundary>
    </MantineProvider>
  );
}
