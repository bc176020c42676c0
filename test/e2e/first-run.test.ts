import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import type { TestServer } from '../support/test-server.ts';
import { captureScreen, eventually, VIEWPORTS, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

/**
 * Issue #16: first run was a dead end ("Create a project first", with no way to do it there), a
 * refused submit showed its error out of sight, and Escape threw away a half-filled dialog.
 */
describe('dashboard: first run, from an empty database to a verified token inside the key dialog', { timeout: 120_000 }, () => {
  let server: TestServer;
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;

  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);
  const keyDialog = () => page.getByRole('dialog', { name: 'Create API key' });

  // The first admin from the environment, and nothing else: no project, no key.
  withSignedInDashboard((world) => ({ server, dashboard, page, admin } = world));

  it('says what to do first on the empty keys page', async () => {
    const empty = page.getByText('No API keys yet');
    await empty.waitFor();
    expect(await page.getByText('A key opens one project').innerText()).toContain('you can create it right there');
    await expectAccessible('keys-first-run');
  });

  it('shows a refused submit’s error in view and focused, and asks before Escape throws away what was typed', async () => {
    await page.getByRole('button', { name: 'Create key' }).first().click();
    await keyDialog().getByRole('textbox', { name: 'Name' }).fill('ingest worker');
    // The dialog is taller than the window: the Project field is scrolled away when Create is pressed.
    await keyDialog().getByRole('button', { name: 'Create', exact: true }).scrollIntoViewIfNeeded();
    await keyDialog().getByRole('button', { name: 'Create', exact: true }).click();
    const project = keyDialog().getByRole('combobox', { name: 'Project' });
    await eventually(() => page.evaluate('document.activeElement?.getAttribute("data-path")')).toBe('key-create-projectId');
    await keyDialog().getByText('Choose the project the key belongs to').waitFor();
    const box = (await project.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORTS.desktop.height);

    // The first Escape closes the focused field's options; the next one would close the dialog.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
    await discard.waitFor();
    await expectAccessible('key-create-discard');
    await discard.getByRole('button', { name: 'Keep editing' }).click();
    await discard.waitFor({ state: 'detached' });
    expect(await keyDialog().getByRole('textbox', { name: 'Name' }).inputValue()).toBe('ingest worker');
  });

  it('creates the project from inside the key dialog, keeping what was typed, then the key; its token verifies', async () => {
    await keyDialog().getByText('There is no project yet.').waitFor();
    await keyDialog().getByRole('button', { name: 'Create a project' }).click();
    const projectDialog = page.getByRole('dialog', { name: 'Create project' });
    await projectDialog.getByRole('textbox', { name: 'Name' }).fill('Feedback API');
    await projectDialog.getByRole('textbox', { name: 'Key prefix' }).fill('fb');
    await expectAccessible('project-from-key-dialog');
    // Escape in the project dialog asks about it alone; the key dialog behind it stays as it was.
    await page.keyboard.press('Escape');
    const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
    await discard.getByRole('button', { name: 'Keep editing' }).click();
    await discard.waitFor({ state: 'detached' });
    expect(await projectDialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Feedback API');
    expect(await keyDialog().count()).toBe(1);
    await projectDialog.getByRole('button', { name: 'Create project' }).click();
    await projectDialog.waitFor({ state: 'detached' });

    await eventually(() => keyDialog().getByRole('combobox', { name: 'Project' }).inputValue()).toContain('Feedback API');
    expect(await keyDialog().getByRole('textbox', { name: 'Name' }).inputValue()).toBe('ingest worker');
    // Expiry in a click, in a named time zone.
    expect(await keyDialog().innerText()).toContain('Times are in UTC (UTC+00:00)');
    await keyDialog().getByRole('button', { name: 'In 30 days' }).click();
    const expires = await keyDialog().getByRole('button', { name: 'Expires', exact: true }).innerText();
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await keyDialog().getByRole('button', { name: 'Expires', exact: true }).click();
    await page.getByRole('button', { name: 'Previous month' }).waitFor();
    await expectAccessible('key-expiry-picker');
    await page.keyboard.press('Escape');
    await keyDialog().getByRole('button', { name: 'Create', exact: true }).click();

    const issued = page.getByRole('dialog', { name: 'API key created' });
    const token = (await issued.getByTestId('issued-token').innerText()).trim();
    expect(token).toMatch(/^fb_[0-9A-Za-z]{30}$/);
    await issued.getByRole('button', { name: 'I have stored the token' }).click();
    const projectId = (await admin.get('/v1/projects')).body.items[0].id;
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: token, projectId })).body).toMatchObject({ valid: true, code: 'VALID' });
    const key = (await admin.get('/v1/keys')).body.items[0];
    expect(key).toMatchObject({ name: 'ingest worker', projectId });
    expect(Date.parse(key.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(dashboard.problems).toEqual([]);
  });
});
