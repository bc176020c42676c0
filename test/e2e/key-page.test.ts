import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import type { TestServer } from '../support/test-server.ts';
import { captureScreen, eventually, rowWith, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

/** Issue #16: find a key by pasting its token; a key's own page with its recent verifications. */
describe('dashboard: find a key by its token, and its own page', { timeout: 120_000 }, () => {
  let server: TestServer;
  let dashboard: DashboardPage;
  let page: Page;
  let projectId = '';
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);

  withSignedInDashboard((world) => ({ server, dashboard, page } = world), {
    seed: async ({ admin }) => {
      projectId = (await admin.post('/v1/projects', { name: 'Orders API', keyPrefix: 'ord' })).body.id;
      for (const name of ['billing sync', 'warehouse scanner', 'nightly report']) {
        const issued = (await admin.post('/v1/keys', { projectId, name, description: `The ${name}` })).body;
        tokens.set(name, issued.token);
        ids.set(name, issued.key.id);
      }
    },
  });

  it('finds the key a pasted token belongs to, and keeps the token out of the URL', async () => {
    await rowWith(page, 'billing sync').waitFor();
    const search = page.getByRole('textbox', { name: 'Search' });
    await search.fill(tokens.get('warehouse scanner')!);
    const notice = page.getByRole('status').filter({ hasText: 'Found by its token' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('belongs to warehouse scanner');
    await eventually(() => page.locator('tbody tr[data-key-id]').count()).toBe(1);
    expect(await page.locator('tbody tr[data-key-id]').getAttribute('data-key-id')).toBe(ids.get('warehouse scanner'));
    expect(page.url()).not.toContain(tokens.get('warehouse scanner')!);
    expect(page.url()).not.toContain('q=');
    await expectAccessible('keys-found-by-token');

    await search.fill('ord_000000000000000000000000000000');
    await page.getByText('No key has this token').waitFor();
    await expectAccessible('keys-token-unknown');
    await search.fill('');
    await eventually(() => page.locator('tbody tr[data-key-id]').count()).toBe(3);
  });

  it('shows a key’s page: every field, and a verification made through the API within 2 s, with its client address', async () => {
    await rowWith(page, 'billing sync').getByRole('link', { name: 'billing sync' }).click();
    await page.getByRole('heading', { name: 'billing sync', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/settings/api-keys/${ids.get('billing sync')}`);
    const details = await page.locator('dl').first().innerText();
    for (const text of ['Key id', ids.get('billing sync')!, 'Orders API', 'The billing sync', 'Every address', 'Never']) expect(details).toContain(text);
    await page.getByText('No verification yet').waitFor();

    const verified = await apiClient(server.url).post('/v1/keys/verify', { key: tokens.get('billing sync'), ip: '203.0.113.77', tags: ['POST /invoices'] });
    expect(verified.body.code).toBe('VALID');
    const table = page.getByRole('table', { name: 'Recent verifications' });
    // No reload: the page asks again every second, and the server writes pending verifications before answering.
    await expect.poll(() => table.locator('tbody').innerText(), { timeout: 2000, interval: 100 }).toContain('203.0.113.77');
    const row = await table.locator('tbody tr').first().innerText();
    expect(row).toContain('VALID');
    expect(row).toContain('POST /invoices');
    await page.getByRole('figure', { name: 'Verifications of billing sync' }).locator('figcaption').waitFor();
    await expectAccessible('key-page');
  });

  it('deactivates, edits and deletes from the key’s page', async () => {
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await eventually(() => page.locator('dl').first().innerText()).toContain('Inactive');
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: tokens.get('billing sync') })).body.code).toBe('DISABLED');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit API key' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('billing sync (old)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'billing sync (old)', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete API key' }).getByRole('button', { name: 'Delete key' }).click();
    await page.waitForURL('**/settings/api-keys');
    await eventually(() => page.locator('tbody tr[data-key-id]').count()).toBe(2);
    expect(dashboard.problems).toEqual([]);
  });
});
