import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { ADMIN, type TestServer } from '../support/test-server.ts';
import { captureScreen, keyLayoutProblems, openDashboard, signInWithForm, VIEWPORTS, waitForPageState } from './support/dashboard.ts';
import { withServerAndBrowser } from './support/signed-in-dashboard.ts';

const DAY = 86_400_000;

/**
 * Issue #16: at 1280×800 the sticky Actions column covered the keys table and four columns were
 * off-screen; at 390×844 a row showed its number and four letters of its name. Every key's row
 * (or card) is now checked from element boxes, for an admin and a member, light and dark.
 */
describe('dashboard: every key-row cell readable at 1280×800 and 390×844', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiClient;
  const mia = { username: 'mia.rodriguez-fernandez', password: 'mia-password-long-enough' };

  withServerAndBrowser(async (world) => {
    ({ server, browser, admin } = world);
    const projects = [];
    for (const [name, keyPrefix] of [['Payments Gateway API (EU)', 'pay'], ['Search', 'srch']] as const) {
      projects.push((await admin.post('/v1/projects', { name, keyPrefix })).body.id as string);
    }
    const groups = [];
    for (const name of ['payments-readers', 'refund-operators', 'search']) {
      groups.push((await admin.post('/v1/groups', { name, permissions: [`${name}.read`] })).body.id as string);
    }
    const keyKeepers = (await admin.post('/v1/groups', { name: 'key-keepers', permissions: ['keys.read', 'keys.write', 'payments-readers.read', 'refund-operators.read'] })).body.id;
    await admin.post('/v1/users', { ...mia, role: 'member', groupIds: [keyKeepers] });
    const tokens: string[] = [];
    const keys: [string, Record<string, unknown>][] = [
      ['nightly settlement exporter for the ledger', { projectId: projects[0], owner: mia.username, groupIds: [groups[0], groups[1]], description: 'Runs at 02:00 UTC', expiresAt: new Date(Date.now() + 30 * DAY).toISOString() }],
      ['checkout', { projectId: projects[0], owner: mia.username, groupIds: [groups[0]] }],
      ['refunds', { projectId: projects[0], owner: mia.username, enabled: false }],
      ['crawler', { projectId: projects[1], groupIds: [groups[2]], expiresAt: new Date(Date.now() + 5 * DAY).toISOString() }],
      ['indexer', { projectId: projects[1] }],
    ];
    for (const [name, extra] of keys) tokens.push((await admin.post('/v1/keys', { name, ...extra })).body.token);
    // Some keys were used, so "Last used" has something to show.
    for (const token of tokens.slice(0, 4)) await apiClient(server.url).post('/v1/keys/verify', { key: token });
  });

  it('notices a table that scrolls sideways, text cut off and a card covered (the check can fail)', async () => {
    const { context, page } = await openDashboard(browser, server.url);
    await signInWithForm(page, ADMIN.username, ADMIN.password);
    await page.locator('tbody tr[data-key-id]').first().waitFor();
    await page.evaluate(`document.querySelector('table[aria-label="API keys"]').style.minWidth = '1400px'`);
    expect(await keyLayoutProblems(page)).toContainEqual({ key: '*', part: 'table', problem: expect.stringContaining('scrolls sideways') });
    await page.evaluate(`document.querySelector('table[aria-label="API keys"]').style.minWidth = ''; document.querySelector('tbody a').style.cssText = 'display: block; width: 20px; overflow: hidden'`);
    expect(await keyLayoutProblems(page)).toContainEqual(expect.objectContaining({ part: 'Name', problem: expect.stringContaining('cut off') }));
    await page.setViewportSize(VIEWPORTS.phone);
    await page.locator('ul[aria-label="API keys"] > li[data-key-id]').first().waitFor();
    await waitForPageState(page, 'document.querySelector("nav.mantine-AppShell-navbar").getBoundingClientRect().right <= 0');
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<div style="position: fixed; inset: 0; z-index: 1000"></div>')`);
    expect(await keyLayoutProblems(page)).toContainEqual(expect.objectContaining({ part: 'name', problem: expect.stringContaining('is covered') }));
    await context.close();
  });

  describe.each([
    { viewer: 'admin', colorScheme: 'light' },
    { viewer: 'admin', colorScheme: 'dark' },
    { viewer: 'member', colorScheme: 'light' },
    { viewer: 'member', colorScheme: 'dark' },
  ] as const)('$viewer, $colorScheme', ({ viewer, colorScheme }) => {
    it('shows every cell whole and uncovered, at both sizes, and passes axe', async () => {
      const { context, page, problems } = await openDashboard(browser, server.url, { colorScheme });
      const person = viewer === 'admin' ? ADMIN : mia;
      await signInWithForm(page, person.username, person.password);
      const expected = viewer === 'admin' ? 5 : 3;
      await page.getByRole('navigation', { name: 'Pagination' }).getByText(`${expected} keys`).waitFor();
      // A member reads her keys' project names, not their ids.
      await page.getByText('Payments Gateway API (EU)').first().waitFor();
      expect(await page.locator('tbody').innerText()).not.toContain('prj_');

      expect(await keyLayoutProblems(page)).toEqual([]);
      await page.setViewportSize(VIEWPORTS.phone);
      await page.locator('ul[aria-label="API keys"] > li[data-key-id]').first().waitFor();
      // The navigation slides away at phone width; the cards are judged once it has.
      await waitForPageState(page, 'document.querySelector("nav.mantine-AppShell-navbar").getBoundingClientRect().right <= 0');
      expect(await page.locator('ul[aria-label="API keys"] > li[data-key-id]').count()).toBe(expected);
      expect(await keyLayoutProblems(page)).toEqual([]);
      await page.setViewportSize(VIEWPORTS.desktop);

      expect.soft(await captureScreen(page, `keys-layout-${viewer}-${colorScheme}`)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
