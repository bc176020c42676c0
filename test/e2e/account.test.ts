import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/api-client.ts';
import type { TestServer } from '../support/test-server.ts';
import { captureScreen, eventually, notificationTexts, openDashboard, signInWithForm, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

/** Issue #16: an account page (change my password, sign out my other sessions). */
describe('dashboard: the account page', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let here: DashboardPage;
  const mia = { username: 'mia', password: 'mia-password-long-enough' };
  const newPassword = 'mia-new-password-0123';

  /** Another browser signed in as mia, on the keys page. */
  const elsewhere = async () => {
    const other = await openDashboard(browser, server.url);
    await signInWithForm(other.page, mia.username, mia.password);
    return other;
  };
  /** Whether a page's session still works: a reload shows the console, or sign-in. */
  const stillSignedIn = async (other: DashboardPage) => {
    await other.page.reload();
    await other.page.getByRole('button', { name: new RegExp(`^(Sign in|Account: ${mia.username})$`) }).first().waitFor();
    return !other.page.url().includes('/sign-in');
  };

  withSignedInDashboard((world) => ({ server, browser, dashboard: here } = world), {
    user: mia,
    seed: async ({ admin }) => {
      const group = (await admin.post('/v1/groups', { name: 'key-keepers', permissions: ['keys.read', 'keys.write'] })).body.id;
      await admin.post('/v1/users', { ...mia, role: 'member', groupIds: [group] });
    },
  });

  it('signs out the other sessions, and keeps this one', async () => {
    const other = await elsewhere();
    const { page } = here;
    await page.getByRole('button', { name: `Account: ${mia.username}` }).click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    expect(await page.locator('dl').first().innerText()).toContain('keys.read');
    expect.soft(await captureScreen(page, 'account')).toEqual([]);
    await page.getByRole('button', { name: 'Sign out my other sessions' }).click();
    await page.getByRole('dialog', { name: 'Sign out your other sessions' }).getByRole('button', { name: 'Sign them out' }).click();
    await eventually(() => notificationTexts(page)).toContainEqual(expect.stringContaining('Your other sessions were signed out.'));
    expect(await stillSignedIn(other)).toBe(false);
    expect(await stillSignedIn(here)).toBe(true);
    await other.context.close();
  });

  it('changes the password after asking for the current one: the other session ends, this one stays', async () => {
    const other = await elsewhere();
    const { page } = here;
    await page.goto('/account');
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill('not-my-password-at-all');
    await form.getByLabel(/^New password\s*\*?$/).fill(newPassword);
    await form.getByLabel('New password again').fill('something else entirely');
    await form.getByText('The two new passwords differ').waitFor();
    await form.getByLabel('New password again').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    // The server's refusal beside the field it names, focused, and said once.
    await form.getByText('is not your current password').waitFor();
    await eventually(() => page.evaluate('document.activeElement?.getAttribute("data-path")')).toBe('password-currentPassword');
    expect(await notificationTexts(page)).toEqual([]);
    expect.soft(await captureScreen(page, 'account-password-refused')).toEqual([]);
    expect(await stillSignedIn(other)).toBe(true);

    await page.goto('/account');
    await form.getByLabel('Current password').fill(mia.password);
    await form.getByLabel(/^New password\s*\*?$/).fill(newPassword);
    await form.getByLabel('New password again').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await eventually(() => notificationTexts(page)).toContainEqual(expect.stringContaining('Password changed. Your other sessions were signed out.'));
    expect(await form.getByLabel('Current password').inputValue()).toBe('');
    expect(await stillSignedIn(other)).toBe(false);
    expect(await stillSignedIn(here)).toBe(true);
    expect((await signIn(server, mia.username, newPassword)).userId).toBeTruthy();
    expect(here.problems).toEqual([]);
    await other.context.close();
  });
});
