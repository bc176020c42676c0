import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { captureScreen, chooseOption, countText, eventually, notificationTexts, rowAction, rowWith, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

describe('dashboard: users, groups, projects, audit log, themes and the phone', { timeout: 120_000 }, () => {
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  let keyId = '';

  const expectAccessible = async (screen: string, sizes?: ('desktop' | 'phone')[]) =>
    expect.soft(await captureScreen(page, screen, sizes)).toEqual([]);
  const summary = () => page.getByRole('navigation', { name: 'Pagination' }).locator('p').first().innerText();

  withSignedInDashboard((world) => ({ dashboard, page, admin } = world), {
    seed: async ({ admin }) => {
      const project = (await admin.post('/v1/projects', { name: 'Payments API', keyPrefix: 'pay' })).body;
      const readers = (await admin.post('/v1/groups', { name: 'payments-readers', description: 'Read payments', permissions: ['payments.read'] })).body;
      await admin.post('/v1/groups', { name: 'auditors', permissions: ['audit.read', 'keys.read'] });
      await admin.post('/v1/users', { username: 'dora', password: 'dora-password-long', role: 'member', groupIds: [readers.id] });
      await admin.post('/v1/users', { username: 'eli', password: 'eli-password-long', role: 'member' });
      keyId = (await admin.post('/v1/keys', { projectId: project.id, name: 'checkout', owner: 'dora', groupIds: [readers.id] })).body.key.id;
      await admin.patch(`/v1/keys/${keyId}`, { enabled: false });
      await admin.post('/v1/keys', { projectId: project.id, name: 'refunds', description: 'Refund worker', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    },
  });

  it('searches, edits and deactivates users (deactivation asks first)', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('textbox', { name: 'Search users' }).fill('do');
    await eventually(summary).toBe('1 user');
    await page.getByRole('textbox', { name: 'Search users' }).fill('');
    await eventually(summary).toBe('3 users');

    await rowAction(page, rowWith(page, 'eli'), 'Edit');
    const dialog = page.getByRole('dialog', { name: 'Edit eli' });
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Permission groups' }), 'auditors');
    await dialog.getByRole('textbox', { name: 'Username' }).click();
    await expectAccessible('user-edit');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => rowWith(page, 'eli').innerText()).toContain('auditors');

    await rowAction(page, rowWith(page, 'eli'), 'Deactivate');
    const confirm = page.getByRole('dialog', { name: 'Deactivate user' });
    expect(await confirm.innerText()).toContain('Deactivate eli?');
    await expectAccessible('user-deactivate');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await eventually(() => rowWith(page, 'eli').innerText()).toContain('Inactive');
    const eli = (await admin.get('/v1/users?q=eli')).body.items[0];
    expect(eli).toMatchObject({ active: false, groups: [{ name: 'auditors' }] });
  });

  it('edits a permission group and lists its permissions', async () => {
    await page.getByRole('link', { name: 'Permission groups' }).click();
    await rowAction(page, rowWith(page, 'payments-readers'), 'Edit');
    const dialog = page.getByRole('dialog', { name: 'Edit payments-readers' });
    const permissions = dialog.getByRole('combobox', { name: 'Project permissions' });
    await permissions.fill('Payments Refund');
    await permissions.press('Enter');
    await dialog.getByText('must be lower-case letters').waitFor();
    await expectAccessible('group-edit');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await rowAction(page, rowWith(page, 'payments-readers'), 'Edit');
    await permissions.fill('payments.refund');
    await permissions.press('Enter');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => rowWith(page, 'payments-readers').innerText()).toContain('payments.refund');
  });

  it('refuses to delete a project that has keys, with the server’s reason, after asking', async () => {
    await page.getByRole('link', { name: 'Projects' }).click();
    await rowAction(page, rowWith(page, 'Payments API'), 'Delete');
    const confirm = page.getByRole('dialog', { name: 'Delete project' });
    await expectAccessible('project-delete');
    await confirm.getByRole('button', { name: 'Delete project' }).click();
    const refused = (await admin.delete(`/v1/projects/${(await admin.get('/v1/projects')).body.items[0].id}`)).body.detail as string;
    await eventually(() => notificationTexts(page)).toContainEqual(expect.stringContaining(refused));
    await expectAccessible('project-delete-refused');
    await rowWith(page, 'Payments API').waitFor();
  });

  it('filters the audit log by action and key, and shows an event in full', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const all = (await admin.get('/v1/audit')).body.total as number;
    await eventually(summary).toContain(`${all} events`);
    await expectAccessible('audit');

    await chooseOption(page, page.getByRole('combobox', { name: 'Action' }), 'key.disabled');
    await eventually(summary).toBe('1 event');
    expect(new URL(page.url()).searchParams.get('action')).toBe('key.disabled');
    await chooseOption(page, page.getByRole('combobox', { name: 'Action' }), 'Any action');

    const keyField = page.getByRole('textbox', { name: 'Key id' });
    await keyField.fill('key_nope');
    await page.getByText('A key id starts with key_').waitFor();
    await keyField.fill(keyId);
    const keyEvents = (await admin.get(`/v1/audit?keyId=${keyId}`)).body.total as number;
    await eventually(summary).toBe(countText(keyEvents, 'events'));
    await page.getByRole('button', { name: /^View detail of key\.created/ }).click();
    const detail = page.getByRole('dialog', { name: 'Audit event: key.created' });
    expect(await detail.innerText()).toContain('"name": "checkout"');
    await expectAccessible('audit-detail');
    await detail.getByRole('button', { name: 'Close dialog' }).click();
  });

  it('works in the dark theme', async () => {
    await page.getByRole('link', { name: 'API Key Management' }).click();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await rowWith(page, 'checkout').waitFor();
    await expectAccessible('keys-dark');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByRole('textbox', { name: 'IP allowlist' }).fill('300.1.1.1');
    await dialog.getByText('"300.1.1.1" is not an IPv4/IPv6 address').waitFor();
    await expectAccessible('key-create-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    for (const link of ['Users', 'Permission groups', 'Projects', 'Audit log', 'Webhooks', 'Your account']) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link, level: 1 }).waitFor();
      expect.soft(await captureScreen(page, `${link.toLowerCase().replace(' ', '-')}-dark`)).toEqual([]);
    }
    // The choice is remembered across visits.
    await page.reload();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });

  it('opens the navigation from the menu button on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'API Key Management' }).waitFor();
    await expectAccessible('navigation', ['phone']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'API Key Management' }).click();
    await page.getByRole('heading', { name: 'API Key Management', level: 1 }).waitFor();
    // Choosing a page closes the navigation again.
    await eventually(() => page.getByRole('button', { name: 'Open navigation' }).count()).toBe(1);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(dashboard.problems).toEqual([]);
  });
});
