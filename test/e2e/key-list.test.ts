import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { captureScreen, countText, eventually, chooseOption, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

const KEY_COUNT = 60;
// Anything shaped like a Keyward token (prefix, underscore, 30 base62 characters).
const TOKEN_SHAPE = /\b[a-z][a-z0-9]{1,11}_[0-9A-Za-z]{30}\b/;

describe('dashboard: paging, filtering and exporting 60 keys', { timeout: 120_000 }, () => {
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  const tokens: string[] = [];
  const projectIds: string[] = [];

  const pagination = () => page.getByRole('navigation', { name: 'Pagination' });
  const summary = () => pagination().locator('p').first().innerText();
  const total = async (query: string) => (await admin.get(`/v1/keys?${query}`)).body.total as number;
  const firstRow = () => page.locator('tbody tr').first();
  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);

  withSignedInDashboard((world) => ({ dashboard, page, admin } = world), {
    seed: async ({ admin }) => {
      for (const [name, keyPrefix] of [['Orders API', 'ord'], ['Billing API', 'bil']] as const) {
        projectIds.push((await admin.post('/v1/projects', { name, keyPrefix })).body.id);
      }
      for (const username of ['bob', 'carol']) {
        await admin.post('/v1/users', { username, password: `${username}-password-long`, role: 'member' });
      }
      // key-01 … key-60: owners, projects and status spread so each filter narrows the list.
      // Created one after another: the list is newest first, so key-60 leads.
      for (let i = 1; i <= KEY_COUNT; i++) {
        const created = await admin.post('/v1/keys', {
          projectId: projectIds[i <= 40 ? 0 : 1],
          name: `key-${String(i).padStart(2, '0')}`,
          description: i % 10 === 0 ? 'nightly batch' : '',
          ...(i % 3 === 0 ? { owner: 'bob' } : i % 3 === 1 ? { owner: 'carol' } : {}),
          enabled: i % 5 !== 0,
        });
        tokens.push(created.body.token);
      }
    },
  });

  it('pages through 20 at a time, newest first, with Previous and Next disabled at the ends', async () => {
    await eventually(summary).toBe('1–20 of 60 keys · Page 1 of 3');
    expect(await page.locator('tbody tr').count()).toBe(20);
    expect(await firstRow().innerText()).toMatch(/^1\s+key-60/);
    expect(await pagination().getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);
    await expectAccessible('keys-many');

    await pagination().getByRole('button', { name: 'Next' }).click();
    await eventually(summary).toBe('21–40 of 60 keys · Page 2 of 3');
    expect(await firstRow().innerText()).toMatch(/^21\s+key-40/);
    await pagination().getByRole('button', { name: 'Next' }).click();
    await eventually(summary).toBe('41–60 of 60 keys · Page 3 of 3');
    expect(await pagination().getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await pagination().getByRole('button', { name: 'Previous' }).click();
    await eventually(summary).toBe('21–40 of 60 keys · Page 2 of 3');

    await chooseOption(page, pagination().getByRole('combobox', { name: 'Per page' }), '50 per page');
    await eventually(summary).toBe('1–50 of 60 keys · Page 1 of 2');
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(new URL(page.url()).searchParams.get('limit')).toBe('50');
    await chooseOption(page, pagination().getByRole('combobox', { name: 'Per page' }), '20 per page');
    await eventually(summary).toBe('1–20 of 60 keys · Page 1 of 3');
  });

  it('filters as you type, and by owner, status and project; the filters live in the URL', async () => {
    const search = page.getByRole('textbox', { name: 'Search' });
    await search.pressSequentially('key-1');
    // No button pressed: results follow the typing. key-10 … key-19 match.
    await eventually(summary).toBe('10 keys');
    expect(new URL(page.url()).searchParams.get('q')).toBe('key-1');
    await search.fill('nightly');
    await eventually(summary).toBe('6 keys');
    await search.fill('');

    await page.getByRole('combobox', { name: 'Owner' }).fill('bob');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const bobs = await total('owner=bob');
    await eventually(summary).toBe(countText(bobs, 'keys'));
    for (const row of await page.locator('tbody tr').allInnerTexts()) expect(row).toContain('bob');

    await chooseOption(page, page.getByRole('combobox', { name: 'Status' }), 'Inactive');
    const inactiveBobs = await total('owner=bob&status=inactive');
    await eventually(summary).toBe(countText(inactiveBobs, 'keys'));
    await chooseOption(page, page.getByRole('combobox', { name: 'Project' }), 'Billing API');
    const narrowed = await total(`owner=bob&status=inactive&projectId=${projectIds[1]}`);
    expect(narrowed).toBeGreaterThan(0);
    await eventually(summary).toBe(countText(narrowed, 'keys'));
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await expectAccessible('keys-filtered');

    // A bookmarked or shared URL opens the same view.
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ owner: 'bob', status: 'inactive', projectId: projectIds[1] });
    const other = await dashboard.context.newPage();
    await other.goto(page.url());
    await eventually(() => other.getByRole('navigation', { name: 'Pagination' }).locator('p').first().innerText())
      .toBe(countText(narrowed, 'keys'));
    expect(await other.getByRole('combobox', { name: 'Owner' }).inputValue()).toBe('bob');
    await other.close();

    await page.getByRole('textbox', { name: 'Search' }).fill('no-such-key');
    await page.getByText('No key matches these filters').waitFor();
    await expectAccessible('keys-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(summary).toBe('1–20 of 60 keys · Page 1 of 3');
    expect(new URL(page.url()).search).toBe('');
  });

  it('exports the filtered list as CSV, one row per key and never a token', async () => {
    await page.goto('/settings/api-keys?status=inactive');
    const inactive = await total('status=inactive');
    await eventually(summary).toBe(countText(inactive, 'keys'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^keyward-api-keys-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Sr. No.,Key ID,Name,Description,Key,Owner,Project,Groups,Permissions,Status,Created,Created by,Last used,Expires,IP allowlist');
    expect(lines).toHaveLength(inactive + 1);
    for (const line of lines.slice(1)) expect(line).toContain(',inactive,');
    for (const token of tokens) expect(csv).not.toContain(token);
    expect(csv).not.toMatch(TOKEN_SHAPE);
    expect(dashboard.problems).toEqual([]);
  });
});
