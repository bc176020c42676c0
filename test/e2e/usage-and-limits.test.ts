import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import type { TestServer } from '../support/test-server.ts';
import { captureScreen, chooseOption, eventually, rowAction, rowWith, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

const DAY = 86_400_000;

/** Issue #6 in the dashboard: usage charts, keys expiring soon, rate limits and quotas in the key form. */
describe('dashboard: usage, expiring keys, rate limits and quotas', { timeout: 120_000 }, () => {
  let server: TestServer;
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  let projectId = '';
  const tokens = new Map<string, string>();

  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);
  const verify = async (token: string, permissions: string[] = []) =>
    (await apiClient(server.url).post('/v1/keys/verify', { key: token, projectId, permissions })).body as { valid: boolean; code: string; ratelimit?: { remaining: number } };
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

  withSignedInDashboard((world) => ({ dashboard, page, admin } = world), {
    seed: async (world) => {
      // verify() below speaks to this server.
      ({ server, admin } = world);
      projectId = (await admin.post('/v1/projects', { name: 'Search API', keyPrefix: 'srch' })).body.id;
      const group = (await admin.post('/v1/groups', { name: 'searchers', permissions: ['search.read'] })).body.id;
      for (const [name, extra] of [
        ['crawler', { groupIds: [group] }],
        ['indexer', { groupIds: [group] }],
        ['expires in 2 days', { expiresAt: inDays(2) }],
        ['expires in 5 days', { expiresAt: inDays(5), enabled: false }],
        ['expires in 30 days', { expiresAt: inDays(30) }],
      ] as const) {
        const issued = (await admin.post('/v1/keys', { projectId, name, ...extra })).body;
        tokens.set(name, issued.token);
      }
      // Traffic to chart: the crawler 5 valid and 2 refused calls, the indexer 2 valid ones.
      for (let i = 0; i < 5; i++) expect((await verify(tokens.get('crawler')!, ['search.read'])).code).toBe('VALID');
      for (let i = 0; i < 2; i++) expect((await verify(tokens.get('crawler')!, ['search.admin'])).code).toBe('INSUFFICIENT_PERMISSIONS');
      for (let i = 0; i < 2; i++) expect((await verify(tokens.get('indexer')!, ['search.read'])).code).toBe('VALID');
    },
  });

  it('charts one key’s verifications by outcome', async () => {
    await rowAction(page, rowWith(page, 'crawler'), 'Usage');
    const dialog = page.getByRole('dialog', { name: 'Usage of crawler' });
    const chart = dialog.getByRole('figure', { name: 'Verifications of crawler' });
    await eventually(() => chart.locator('figcaption').innerText()).toBe('7 verifications: 5 VALID, 2 INSUFFICIENT_PERMISSIONS.');
    // The bars are drawn (recharts renders one rectangle per non-empty stacked bar).
    await eventually(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible('key-usage');
    // By the minute over the last hour: the same calls.
    await dialog.getByText('Hour', { exact: true }).click();
    await eventually(() => chart.locator('figcaption').innerText()).toBe('7 verifications: 5 VALID, 2 INSUFFICIENT_PERMISSIONS.');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('charts every key over time, with the top keys', async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const chart = page.getByRole('figure', { name: 'Verifications of all keys over time' });
    await eventually(() => chart.locator('figcaption').innerText()).toBe('9 verifications: 7 VALID, 2 INSUFFICIENT_PERMISSIONS.');
    const top = page.getByRole('table', { name: 'Top keys' });
    await eventually(() => top.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^crawler\s+7\s+5\s+2$/),
      expect.stringMatching(/^indexer\s+2\s+2\s+0$/),
    ]);
    await expectAccessible('usage');
    expect(dashboard.problems).toEqual([]);
  });

  it('shows the keys that expire within 7 days, from a notice on the keys page', async () => {
    await page.getByRole('link', { name: 'API Key Management' }).click();
    const notice = page.getByRole('region', { name: 'Expiring soon' });
    await eventually(() => notice.innerText()).toContain('Expiring soon (2)');
    await notice.getByRole('button', { name: 'Show them' }).click();
    await page.waitForURL('**/settings/api-keys?expiring=soon');
    await eventually(() => page.locator('tbody tr').count()).toBe(2);
    for (const name of ['expires in 2 days', 'expires in 5 days']) await rowWith(page, name).waitFor();
    expect(await rowWith(page, 'expires in 30 days').count()).toBe(0);
    await expectAccessible('keys-expiring');
    // The filter lives in the URL: a reload keeps it, and it combines with the status filter.
    await page.goto('/settings/api-keys?expiring=soon&status=active');
    await rowWith(page, 'expires in 2 days').waitFor();
    await eventually(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('region', { name: 'Expiring soon' }).getByRole('button', { name: 'Show all keys' }).click();
    await eventually(async () => page.url()).toMatch(/\/settings\/api-keys\?status=active$/);
  });

  it('creates a key with a rate limit, a quota and a daily refill, checked as you type', async () => {
    await page.goto('/settings/api-keys');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Project' }), /Search API/);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('metered');
    await dialog.getByRole('textbox', { name: 'Rate limit' }).fill('10');
    await dialog.getByText('Give the window in seconds, or clear the limit').waitFor();
    await dialog.getByRole('textbox', { name: 'Window (seconds)' }).fill('60');
    await dialog.getByRole('textbox', { name: 'Refill to' }).fill('100');
    await dialog.getByText('A refill needs a quota').waitFor();
    await dialog.getByRole('textbox', { name: 'Quota (verifications left)' }).fill('100');
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Refill', exact: true }), 'Every day (UTC midnight)');
    expect(await dialog.getByText('A refill needs a quota').count()).toBe(0);
    await expectAccessible('key-create-limits');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const issued = page.getByRole('dialog', { name: 'API key created' });
    const token = (await issued.getByTestId('issued-token').innerText()).trim();
    tokens.set('metered', token);
    await issued.getByRole('button', { name: 'I have stored the token' }).click();
    await issued.waitFor({ state: 'detached' });

    const key = (await admin.get(`/v1/keys?q=metered`)).body.items[0];
    expect(key).toMatchObject({ ratelimit: { limit: 10, windowMs: 60_000 }, remaining: 100, refill: { amount: 100, interval: 'daily' } });
    const answer = await verify(token);
    expect(answer).toMatchObject({ valid: true, code: 'VALID', ratelimit: { remaining: 9 } });
  });

  it('edits the limits: the form shows them, clearing removes them, and the quota changes only when edited', async () => {
    await rowAction(page, rowWith(page, 'metered'), 'Edit');
    const dialog = page.getByRole('dialog', { name: 'Edit API key' });
    expect(await dialog.getByRole('textbox', { name: 'Rate limit' }).inputValue()).toBe('10');
    expect(await dialog.getByRole('textbox', { name: 'Window (seconds)' }).inputValue()).toBe('60');
    expect(await dialog.getByRole('textbox', { name: 'Quota (verifications left)' }).inputValue()).toBe('100');
    expect(await dialog.getByRole('textbox', { name: 'Refill to' }).inputValue()).toBe('100');
    await expectAccessible('key-edit-limits');
    await dialog.getByRole('textbox', { name: 'Rate limit' }).fill('');
    await dialog.getByRole('textbox', { name: 'Window (seconds)' }).fill('');
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Refill', exact: true }), 'Every month (the 1st, UTC)');
    // A verification spends the quota while the dialog is open; saving must not undo it.
    expect((await verify(tokens.get('metered')!)).valid).toBe(true);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const key = (await admin.get('/v1/keys?q=metered')).body.items[0];
    expect(key).toMatchObject({ ratelimit: null, remaining: 98, refill: { amount: 100, interval: 'monthly' } });

    await rowAction(page, rowWith(page, 'metered'), 'Edit');
    await dialog.getByRole('textbox', { name: 'Quota (verifications left)' }).fill('5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.get('/v1/keys?q=metered')).body.items[0].remaining).toBe(5);
    expect(dashboard.problems).toEqual([]);
  });
});
