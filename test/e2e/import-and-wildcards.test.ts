import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { foreignToken } from '../support/foreign-tokens.ts';
import type { TestServer } from '../support/test-server.ts';
import { captureScreen, chooseOption, eventually, rowWith, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

/** Issue #9 in the dashboard: wildcard grants in the group editor, and importing keys from a file. */
describe('dashboard: wildcard grants and importing keys', { timeout: 120_000 }, () => {
  let server: TestServer;
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  let projectId = '';

  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);
  const verify = async (token: string, permissions: string[]) =>
    (await apiClient(server.url).post('/v1/keys/verify', { key: token, projectId, permissions })).body as { valid: boolean; code: string; keyId?: string };

  /** Opens the import dialog and gives it a file, as a person choosing it would. */
  async function chooseFile(name: string, mimeType: string, text: string): Promise<Locator> {
    await page.getByRole('button', { name: 'Import keys' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import keys' });
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Project' }), /^Orders API/);
    await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
    return dialog;
  }
  const resultOfRow = (dialog: Locator, row: number) => dialog.locator(`tr[data-import-row="${row}"]`).locator('td').last();

  withSignedInDashboard((world) => ({ server, dashboard, page, admin } = world), {
    seed: async ({ admin }) => {
      projectId = (await admin.post('/v1/projects', { name: 'Orders API', keyPrefix: 'ord' })).body.id;
      await admin.post('/v1/users', { username: 'olga', password: 'olga-password-long', role: 'member' });
    },
  });

  it('creates a group with a namespace wildcard, after refusing a misplaced one inline', async () => {
    await page.getByRole('link', { name: 'Permission groups' }).click();
    await page.getByRole('button', { name: 'Create group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create permission group' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('order-handlers');
    // The help text explains what a wildcard covers.
    expect(await dialog.innerText()).toContain('covers its whole namespace');
    const permissions = dialog.getByRole('combobox', { name: 'Project permissions' });
    await permissions.fill('orders*');
    await permissions.press('Enter');
    await dialog.getByText('a wildcard is only a whole last segment').waitFor();
    await expectAccessible('group-wildcard');
    // Refused inline: nothing is sent while the grant is wrong.
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.getByText('a wildcard is only a whole last segment').waitFor();
    expect((await admin.get('/v1/groups')).body.items.map((group: { name: string }) => group.name)).not.toContain('order-handlers');

    await permissions.press('Backspace');
    await permissions.fill('orders.*');
    await permissions.press('Enter');
    expect(await dialog.getByText('a wildcard is only a whole last segment').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => rowWith(page, 'order-handlers').innerText()).toContain('orders.*');
    const group = (await admin.get('/v1/groups')).body.items.find((candidate: { name: string }) => candidate.name === 'order-handlers');
    expect(group.permissions).toEqual(['orders.*']);
  });

  it('refuses a file with a token column before anything is sent', async () => {
    await page.getByRole('link', { name: 'API Key Management' }).click();
    const dialog = await chooseFile('tokens.csv', 'text/csv', 'token,name\nuk_123,leaked\n');
    await dialog.getByText('Import takes the SHA-256 of each token, never the token itself').waitFor();
    expect(await dialog.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows the server’s refusal row by row: all or nothing', async () => {
    const [good, unknownOwner] = [foreignToken('legacy'), foreignToken('legacy')];
    const csv = ['sha256,name,owner', `${good.hex},billing sync,olga`, `${unknownOwner.hex},orphan,nobody-here`].join('\n');
    const dialog = await chooseFile('refused.csv', 'text/csv', csv);
    await dialog.getByRole('button', { name: 'Import 2 keys' }).click();
    await eventually(() => resultOfRow(dialog, 2).innerText()).toContain('owner: no such user');
    expect(await resultOfRow(dialog, 1).innerText()).toContain('Not imported');
    expect(await dialog.getByRole('status').innerText()).toContain('0 of 2 keys were imported');
    await expectAccessible('keys-import-refused');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect((await verify(good.token, [])).code).toBe('NOT_FOUND');
  });

  it('imports a CSV file: a preview, then each row’s result, and the tokens verify', async () => {
    const tokens = [foreignToken('legacy'), foreignToken('legacy'), foreignToken('legacy')];
    const csv = [
      'sha256,name,description,owner,groups,expiresAt,enabled,meta',
      `${tokens[0]!.hex},checkout,"Moved from the old gateway, 2024",olga,order-handlers,,true,"{""plan"":""pro""}"`,
      `${tokens[1]!.hex},refunds,,,order-handlers,2999-01-01T00:00:00Z,,`,
      `${tokens[2]!.hex},retired,,,,,false,`,
    ].join('\r\n');
    const dialog = await chooseFile('legacy-keys.csv', 'text/csv', csv);
    await dialog.getByText('3 keys to import').waitFor();
    const preview = await dialog.getByRole('table', { name: 'Keys to import' }).innerText();
    for (const expected of ['checkout', 'refunds', 'retired', 'olga', 'order-handlers', '2999-01-01 00:00']) expect(preview).toContain(expected);
    await expectAccessible('keys-import-preview');

    await dialog.getByRole('button', { name: 'Import 3 keys' }).click();
    await dialog.getByText('All 3 keys were imported').waitFor();
    for (const row of [1, 2, 3]) expect(await resultOfRow(dialog, row).innerText()).toMatch(/^Imported key_/);
    await expectAccessible('keys-import-result');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await rowWith(page, 'checkout').waitFor();

    // The original tokens verify; the group's orders.* covers what the API asks.
    const checkout = await verify(tokens[0]!.token, ['orders.read', 'orders.refunds.create']);
    expect(checkout).toMatchObject({ valid: true, code: 'VALID' });
    expect((await admin.get(`/v1/keys/${checkout.keyId}`)).body).toMatchObject({ name: 'checkout', description: 'Moved from the old gateway, 2024', owner: { username: 'olga' }, meta: { plan: 'pro' } });
    expect((await verify(tokens[2]!.token, [])).code).toBe('DISABLED');
    expect((await verify(tokens[1]!.token, ['billing.read'])).code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('imports a JSON file with base64 hashes', async () => {
    const tokens = [foreignToken('unkey'), foreignToken('unkey')];
    const json = JSON.stringify([
      { hash: { algorithm: 'sha256', encoding: 'base64', value: tokens[0]!.base64 }, name: 'from unkey', groups: ['order-handlers'] },
      { sha256: tokens[1]!.base64url, name: 'from better-auth', meta: { team: 'b' } },
    ]);
    const dialog = await chooseFile('keys.json', 'application/json', json);
    await dialog.getByRole('button', { name: 'Import 2 keys' }).click();
    await dialog.getByText('All 2 keys were imported').waitFor();
    expect(await resultOfRow(dialog, 2).innerText()).toMatch(/^Imported key_/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await verify(tokens[0]!.token, ['orders.read'])).toMatchObject({ valid: true, code: 'VALID' });
    expect(await verify(tokens[1]!.token, [])).toMatchObject({ valid: true, code: 'VALID' });
    expect(dashboard.problems).toEqual([]);
  });
});
