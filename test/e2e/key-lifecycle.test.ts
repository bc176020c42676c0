import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { ADMIN, type TestServer } from '../support/test-server.ts';
import { captureScreen, eventually, chooseOption, notificationTexts, openDashboard, rowAction, rowWith, signInWithForm, type DashboardPage } from './support/dashboard.ts';
import { withServerAndBrowser } from './support/signed-in-dashboard.ts';

const TOKEN = /^fb_[0-9A-Za-z]{30}$/;

describe('dashboard: a key from creation to deletion', { timeout: 120_000 }, () => {
  let server: TestServer;
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let projectId = '';
  // The tokens the dashboard showed, by key name.
  const tokens = new Map<string, string>();
  const tokenOf = (name: string) => tokens.get(name)!;

  withServerAndBrowser(async (world) => {
    ({ server, admin } = world);
    dashboard = await openDashboard(world.browser, server.url);
    page = dashboard.page;
    anonymous = apiClient(server.url);
  });

  const verify = async (key: string, extra: Record<string, unknown> = {}) =>
    (await anonymous.post('/v1/keys/verify', { key, projectId, permissions: ['feedback.write'], ...extra })).body.code as string;

  // Soft: one run reports every screen's violations, and the flow goes on.
  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);

  /** Reads the shown-once dialog: its token and key id, after checking its warning. */
  const readIssued = async (title: string) => {
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('This is the only time the token is shown');
    const token = (await dialog.getByTestId('issued-token').innerText()).trim();
    const keyId = (await dialog.getByTestId('issued-key-id').innerText()).trim();
    expect(token).toMatch(TOKEN);
    return { dialog, token, keyId };
  };

  const openCreateDialog = async () => {
    await page.getByRole('button', { name: 'Create key' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.waitFor();
    return dialog;
  };

  it('signs in, then creates a project, a permission group and a user', async () => {
    await signInWithForm(page, ADMIN.username, ADMIN.password);

    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('button', { name: 'Create project' }).click();
    const projectDialog = page.getByRole('dialog', { name: 'Create project' });
    await projectDialog.getByRole('textbox', { name: 'Name' }).fill('Feedback API');
    await projectDialog.getByRole('textbox', { name: 'Key prefix' }).fill('FB');
    await projectDialog.getByText('2-12 lower-case letters and digits').waitFor();
    await projectDialog.getByRole('textbox', { name: 'Key prefix' }).fill('fb');
    await expectAccessible('project-dialog');
    await projectDialog.getByRole('button', { name: 'Create project' }).click();
    await rowWith(page, 'Feedback API').waitFor();
    projectId = (await admin.get('/v1/projects')).body.items[0].id;
    await expectAccessible('projects');

    await page.getByRole('link', { name: 'Permission groups' }).click();
    await page.getByRole('button', { name: 'Create group' }).click();
    const groupDialog = page.getByRole('dialog', { name: 'Create permission group' });
    await groupDialog.getByRole('textbox', { name: 'Name' }).fill('feedback-writers');
    await groupDialog.getByRole('textbox', { name: 'Description' }).fill('Services that send feedback');
    await groupDialog.getByRole('checkbox', { name: 'keys.read' }).check();
    const projectPermissions = groupDialog.getByRole('combobox', { name: 'Project permissions' });
    await projectPermissions.fill('feedback.write');
    await projectPermissions.press('Enter');
    await expectAccessible('group-dialog');
    await groupDialog.getByRole('button', { name: 'Create group' }).click();
    await rowWith(page, 'feedback-writers').waitFor();
    expect(await rowWith(page, 'feedback-writers').innerText()).toContain('feedback.write');
    await expectAccessible('groups');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Create user' }).click();
    const userDialog = page.getByRole('dialog', { name: 'Create user' });
    await userDialog.getByRole('textbox', { name: 'Username' }).fill('alice');
    await userDialog.getByRole('textbox', { name: 'Password' }).fill('alice-password-long-enough');
    await chooseOption(page, userDialog.getByRole('combobox', { name: 'Permission groups' }), 'feedback-writers');
    await userDialog.getByRole('textbox', { name: 'Username' }).click();
    await expectAccessible('user-dialog');
    await userDialog.getByRole('button', { name: 'Create user' }).click();
    await rowWith(page, 'alice').waitFor();
    expect(await rowWith(page, 'alice').innerText()).toContain('feedback-writers');
    await expectAccessible('users');
  });

  it('creates a key, shows its token once and only start…end in the table; the copied token verifies', async () => {
    await page.getByRole('link', { name: 'API Key Management' }).click();
    await page.getByText('No API keys yet').waitFor();
    await expectAccessible('keys-empty');

    const dialog = await openCreateDialog();
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Project' }), /Feedback API/);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('ingest worker');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Sends feedback from the ingest pipeline');
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Owner' }), 'alice');
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Permission groups' }), 'feedback-writers');
    // The allowlist is checked as you type.
    const allowlist = dialog.getByRole('textbox', { name: 'IP allowlist' });
    await allowlist.fill('10.0.0.0/8\nnot-an-address');
    await dialog.getByText('"not-an-address" is not an IPv4/IPv6 address or CIDR range').waitFor();
    await expectAccessible('key-create');
    await allowlist.fill('');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const issued = await readIssued('API key created');
    await issued.dialog.getByRole('button', { name: 'Copy token' }).click();
    await issued.dialog.getByRole('button', { name: 'Copied to the clipboard' }).waitFor();
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied).toBe(issued.token);
    tokens.set('ingest worker', copied);
    await expectAccessible('key-token');
    await issued.dialog.getByRole('button', { name: 'I have stored the token' }).click();
    await issued.dialog.waitFor({ state: 'detached' });

    const key = (await admin.get(`/v1/keys/${issued.keyId}`)).body;
    const row = rowWith(page, 'ingest worker');
    const rowText = await row.innerText();
    expect(rowText).toContain(`${key.start}…${key.end}`);
    expect(rowText).toContain('alice');
    expect(rowText).toContain('Feedback API');
    expect(rowText).toContain('feedback-writers');
    expect(rowText).toContain('Never');
    expect(await page.content()).not.toContain(issued.token);
    expect(await verify(copied)).toBe('VALID');
    await expectAccessible('keys');
  });

  it('deactivates with the status toggle (verification says DISABLED) and activates with the green button', async () => {
    const row = rowWith(page, 'ingest worker');
    const token = tokenOf('ingest worker');
    const toggle = row.getByRole('switch', { name: 'Active: ingest worker' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Space');
    await eventually(() => row.innerText()).toContain('Inactive');
    expect(await toggle.isChecked()).toBe(false);
    expect(await verify(token)).toBe('DISABLED');

    await rowAction(page, row, 'Activate');
    await eventually(() => toggle.isChecked()).toBe(true);
    expect(await verify(token)).toBe('VALID');
  });

  it('edits the allowlist and description; the description shows in a tooltip', async () => {
    const row = rowWith(page, 'ingest worker');
    const token = tokenOf('ingest worker');
    await rowAction(page, row, 'Edit');
    const dialog = page.getByRole('dialog', { name: 'Edit API key' });
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Sends feedback from the nightly ingest');
    const allowlist = dialog.getByRole('textbox', { name: 'IP allowlist' });
    await allowlist.fill('203.0.113.0/24 2001:db8::/33');
    await expectAccessible('key-edit');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await verify(token, { ip: '203.0.113.9' })).toBe('VALID');
    expect(await verify(token, { ip: '198.51.100.1' })).toBe('IP_NOT_ALLOWED');

    await row.getByText('ingest worker').hover();
    await page.getByRole('tooltip', { name: 'Sends feedback from the nightly ingest' }).waitFor();
  });

  it('regenerates after asking, and the old token stops', async () => {
    const row = rowWith(page, 'ingest worker');
    const oldToken = tokenOf('ingest worker');
    await rowAction(page, row, 'Regenerate');
    const confirm = page.getByRole('dialog', { name: 'Regenerate API key' });
    await confirm.getByText('Are you sure you want to change this API key?').waitFor();
    await expectAccessible('key-regenerate');
    await confirm.getByRole('button', { name: 'Regenerate' }).click();

    const issued = await readIssued('API key regenerated');
    expect(issued.token).not.toBe(oldToken);
    tokens.set('ingest worker', issued.token);
    await issued.dialog.getByRole('button', { name: 'I have stored the token' }).click();
    expect(await verify(oldToken, { ip: '203.0.113.9' })).toBe('NOT_FOUND');
    expect(await verify(issued.token, { ip: '203.0.113.9' })).toBe('VALID');
    const key = (await admin.get(`/v1/keys/${issued.keyId}`)).body;
    await eventually(() => row.innerText()).toContain(`${key.start}…${key.end}`);
  });

  it('deletes after a confirmation that names the key', async () => {
    const token = tokenOf('ingest worker');
    await rowAction(page, rowWith(page, 'ingest worker'), 'Delete');
    const confirm = page.getByRole('dialog', { name: 'Delete API key' });
    expect(await confirm.innerText()).toContain('Delete the key ingest worker');
    await expectAccessible('key-delete');
    await confirm.getByRole('button', { name: 'Delete key' }).click();
    await page.getByText('No API keys yet').waitFor();
    expect(await verify(token)).toBe('NOT_FOUND');
  });

  it('"Create & create another" keeps the project and opens a fresh form after the token', async () => {
    let dialog = await openCreateDialog();
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Project' }), /Feedback API/);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('batch-1');
    await dialog.getByRole('button', { name: 'Create & create another' }).click();
    const first = await readIssued('API key created');
    await first.dialog.getByRole('button', { name: 'I have stored the token' }).click();

    dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Project' }).inputValue()).toContain('Feedback API');
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('batch-2');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const second = await readIssued('API key created');
    expect(second.token).not.toBe(first.token);
    await second.dialog.getByRole('button', { name: 'I have stored the token' }).click();

    await rowWith(page, 'batch-1').waitFor();
    await rowWith(page, 'batch-2').waitFor();
    const names = (await admin.get('/v1/keys')).body.items.map((key: { name: string }) => key.name);
    expect(names.sort()).toEqual(['batch-1', 'batch-2']);
  });

  it('shows the server’s refusal for an unknown owner beside the field, focused, and no notification over the dialog', async () => {
    const dialog = await openCreateDialog();
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Project' }), /Feedback API/);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('orphan');
    await dialog.getByRole('combobox', { name: 'Owner' }).fill('nobody-here');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const message = 'No user named "nobody-here"; create the user first or pick an existing one.';
    await eventually(() => dialog.innerText()).toContain(message);
    // The refused field has the focus (scrolled into view), and nothing covers the dialog.
    await eventually(() => page.evaluate('document.activeElement?.getAttribute("data-path")')).toBe('key-create-owner');
    expect(await notificationTexts(page)).not.toContainEqual(expect.stringContaining(message));
    await expectAccessible('key-create-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const names = (await admin.get('/v1/keys')).body.items.map((key: { name: string }) => key.name);
    expect(names).not.toContain('orphan');
    expect(dashboard.problems).toEqual([]);
  });
});
