import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { signIn, type ApiClient } from '../../support/api-client.ts';
import { ADMIN, startTestServer, type TestServer } from '../../support/test-server.ts';
import { launchChromium, openDashboard, signInWithForm, type DashboardPage } from './dashboard.ts';

/** A server on a fresh database, the file's one Chromium, and the server's admin signed in over HTTP. */
export type ServerAndBrowser = { server: TestServer; browser: Browser; admin: ApiClient };

/** The same, with a dashboard page open and signed in through the sign-in form. */
export type SignedInDashboard = ServerAndBrowser & { dashboard: DashboardPage; page: Page };

/**
 * Before the file's tests: the server and Chromium (started side by side), the admin signed in
 * over HTTP, then `setUp` (the file's own data and pages). After them: both closed.
 */
export function withServerAndBrowser(setUp: (world: ServerAndBrowser) => Promise<void> | void, options?: Parameters<typeof startTestServer>[0]): void {
  let world: Partial<ServerAndBrowser> = {};
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startTestServer(options), launchChromium()]);
    world = { server, browser };
    const admin = (await signIn(server)).client;
    await setUp({ server, browser, admin });
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
  });
}

/**
 * What most browser tests start from: withServerAndBrowser, the file's data written through the
 * API by `seed`, then a dashboard page signed in through the form as `user` (the admin unless
 * said), handed to `use` to keep in the file's own variables.
 *
 * @example
 * let page: Page;
 * withSignedInDashboard((world) => ({ page } = world), { seed: async ({ admin }) => void (await admin.post(…)) });
 */
export function withSignedInDashboard(
  use: (world: SignedInDashboard) => void,
  options: { seed?: (world: ServerAndBrowser) => Promise<void>; user?: { username: string; password: string }; server?: Parameters<typeof startTestServer>[0] } = {},
): void {
  withServerAndBrowser(async (world) => {
    await options.seed?.(world);
    const dashboard = await openDashboard(world.browser, world.server.url);
    const user = options.user ?? ADMIN;
    await signInWithForm(dashboard.page, user.username, user.password);
    use({ ...world, dashboard, page: dashboard.page });
  }, options.server);
}
