import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server.ts';
import { captureScreen, eventually, notificationTexts, openDashboard, rowWith, signInWithForm, waitForPageState, type DashboardPage } from './support/dashboard.ts';
import { withServerAndBrowser } from './support/signed-in-dashboard.ts';

const SESSION_IDLE_MS = 60 * 60 * 1000;

describe('dashboard: sign-in, first run, who sees what, session expiry', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiClient;
  let dashboard: DashboardPage;
  let page: Page;
  const mia = { username: 'mia', password: 'mia-password-long-enough' };

  const expectAccessible = async (on: Page, screen: string) => expect.soft(await captureScreen(on, screen)).toEqual([]);

  withServerAndBrowser(async (world) => {
    ({ server, browser, admin } = world);
    const project = (await admin.post('/v1/projects', { name: 'Search API', keyPrefix: 'srch' })).body;
    const group = (await admin.post('/v1/groups', { name: 'key-keepers', permissions: ['keys.read', 'keys.write', 'projects.read'] })).body;
    await admin.post('/v1/users', { ...mia, role: 'member', groupIds: [group.id] });
    await admin.post('/v1/keys', { projectId: project.id, name: 'mia’s crawler', owner: mia.username });
    await admin.post('/v1/keys', { projectId: project.id, name: 'admin’s indexer' });
    dashboard = await openDashboard(browser, server.url);
    page = dashboard.page;
  });

  it('tells the first person how to create the first admin while no user exists', async () => {
    const empty = await startTestServer({ withAdmin: false });
    try {
      const fresh = await openDashboard(browser, empty.url);
      await fresh.page.goto('/');
      await fresh.page.getByText('Welcome to Keyward').waitFor();
      expect(await fresh.page.getByRole('status').innerText()).toContain('KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD');
      await expectAccessible(fresh.page, 'sign-in-first-run');
      await fresh.context.close();
    } finally {
      await empty.close();
    }
  });

  it('signs in with the keyboard alone, after a refused password shown with the server’s message', async () => {
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    expect(await page.getByText('Welcome to Keyward').count()).toBe(0);
    await expectAccessible(page, 'sign-in');
    // The username field has the focus; Tab moves to the password, Enter sends the form.
    await page.keyboard.type(ADMIN.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    // Said once, beside the form (not in a notification as well).
    await page.getByText('Wrong username or password.').waitFor();
    expect(await notificationTexts(page)).toEqual([]);
    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'API Key Management', level: 1 }).waitFor();

    // Dialogs open and close from the keyboard too.
    await page.getByRole('button', { name: 'Create key' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows a member only her own keys and only the pages she may use', async () => {
    const member = await openDashboard(browser, server.url);
    await signInWithForm(member.page, mia.username, mia.password);
    await rowWith(member.page, 'mia’s crawler').waitFor();
    await eventually(() => member.page.getByRole('navigation', { name: 'Pagination' }).innerText()).toContain('1 key');
    expect(await member.page.getByText('admin’s indexer').count()).toBe(0);
    const navigation = await member.page.getByRole('navigation', { name: 'Main navigation' }).innerText();
    expect(navigation).toContain('API Key Management');
    for (const hidden of ['Users', 'Permission groups', 'Audit log']) expect(navigation).not.toContain(hidden);
    await expectAccessible(member.page, 'keys-member');
    expect(member.problems).toEqual([]);
    await member.context.close();
  });

  it('returns to sign-in with a notice when the session ends, and back to the same page after', async () => {
    // Stand on the page to come back to before the clock jumps: TanStack Query refetches on
    // focus and visibility changes we do not control (the member's window closing hands focus
    // back here), and whichever call meets the expired session first must lead to the same place.
    await page.bringToFront();
    await page.getByRole('link', { name: 'Projects' }).click();
    // The URL changes before the new page renders (the keys table also names "Search API"):
    // wait for the Projects page itself.
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await rowWith(page, 'Search API').waitFor();
    await page.waitForLoadState('networkidle');
    // TanStack Query refetches stale queries on "visibilitychange" only while the page is visible.
    await waitForPageState(page, 'document.visibilityState === "visible"');
    const refused = page.waitForResponse((response) => response.url().includes('/v1/') && response.status() === 401);
    server.advance(SESSION_IDLE_MS + 60_000);
    // The page becoming visible again refetches its (stale) list: a call made within the session.
    // If a background refetch got there first, the page is already on its way to sign-in and
    // this event changes nothing.
    await page.evaluate("window.dispatchEvent(new Event('visibilitychange'))");
    await refused;
    await page.waitForURL('**/sign-in');
    expect(await page.getByRole('status').innerText()).toContain('Your session has ended; sign in again.');
    await expectAccessible(page, 'sign-in-expired');
    await signInWithForm(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/projects');
    await rowWith(page, 'Search API').waitFor();
  });

  it('signs out, and the console is closed after', async () => {
    await page.getByRole('button', { name: `Account: ${ADMIN.username}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto('/settings/api-keys');
    await page.waitForURL('**/sign-in');
    expect(dashboard.problems).toEqual([]);
  });
});
