import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { createMember, type Member } from '../support/member.ts';
import type { TestServer } from '../support/test-server.ts';
import { captureScreen, chooseOption, eventually, notificationTexts, openDashboard, rowAction, rowWith, signInWithForm, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

/** Issue #18 in the console: identities, the identity picker and named limits in the key dialogs. */
describe('dashboard: identities and named limits', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  let member: Member;
  let projectId = '';
  let token = '';
  let keyId = '';

  const expectAccessible = async (on: Page, screen: string) => expect.soft(await captureScreen(on, screen)).toEqual([]);
  const summary = () => page.getByRole('navigation', { name: 'Pagination' }).locator('p').first().innerText();
  /** The fields of the named limit in row `n` (1-based) of a dialog. */
  const limitRow = (dialog: Locator, n: number) => dialog.getByRole('group', { name: new RegExp(`^Limit ${n}\\b`) });
  const fillLimit = async (dialog: Locator, n: number, limit: { name: string; allowed: string; seconds: string; everyVerification?: boolean }) => {
    const row = limitRow(dialog, n);
    await row.getByRole('textbox', { name: 'Limit name' }).fill(limit.name);
    await row.getByRole('textbox', { name: 'Allowed' }).fill(limit.allowed);
    await row.getByRole('textbox', { name: 'Window (seconds)' }).fill(limit.seconds);
    if (limit.everyVerification === false) await row.getByRole('checkbox', { name: 'Every verification' }).uncheck();
  };

  withSignedInDashboard((world) => ({ server, browser, dashboard, page, admin } = world), {
    seed: async ({ server, admin }) => {
      projectId = (await admin.post('/v1/projects', { name: 'Search API', keyPrefix: 'srch' })).body.id;
      expect((await admin.post('/v1/identities', { externalId: 'globex', meta: { plan: 'free' } })).status).toBe(201);
      // A member who manages keys but may not read identities.
      member = await createMember(server, admin, { username: 'nia', permissions: ['keys.read', 'keys.write', 'projects.read'] });
    },
  });

  it('creates an identity with a named limit and meta, checked at their fields, and finds it by search', async () => {
    await page.getByRole('link', { name: 'Identities' }).click();
    await page.getByRole('heading', { name: 'Identities', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create identity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create identity' });
    await dialog.getByRole('textbox', { name: 'External id' }).fill('acme-corp');
    const meta = dialog.getByRole('textbox', { name: 'Meta (JSON)' });
    await meta.fill('["pro"]');
    await dialog.getByText('Meta is a JSON object, e.g. {"plan": "pro"}, not an array').waitFor();
    await meta.fill('{"plan": "pro"');
    await dialog.getByText(/^Not valid JSON: /).waitFor();
    await meta.fill('{"plan": "pro"}');
    await dialog.getByRole('button', { name: 'Add limit' }).click();
    await fillLimit(dialog, 1, { name: 'Requests', allowed: '100', seconds: '60' });
    await dialog.getByText('Lower-case letters, digits, _ and - (up to 32)').waitFor();
    await limitRow(dialog, 1).getByRole('textbox', { name: 'Limit name' }).fill('requests');
    await dialog.getByRole('textbox', { name: 'Quota (verifications left)' }).fill('1000');
    expect(await dialog.getByText('Lower-case letters').count()).toBe(0);
    expect(await dialog.getByText('Meta is a JSON object').count()).toBe(0);
    await expectAccessible(page, 'identity-create');
    await dialog.getByRole('button', { name: 'Create identity' }).click();
    await dialog.waitFor({ state: 'detached' });

    const created = (await admin.get('/v1/identities?q=acme')).body.items;
    expect(created).toEqual([expect.objectContaining({
      externalId: 'acme-corp', meta: { plan: 'pro' }, remaining: 1000, keyCount: 0,
      ratelimits: [{ name: 'requests', limit: 100, durationMs: 60_000, autoApply: true }],
    })]);

    await eventually(summary).toBe('2 identities');
    await page.getByRole('textbox', { name: 'Search identities' }).fill('ACME');
    await eventually(summary).toBe('1 identity');
    expect(await rowWith(page, 'globex').count()).toBe(0);
    expect(await rowWith(page, 'acme-corp').innerText()).toContain('requests');
    await expectAccessible(page, 'identities');
  });

  it('refuses a second identity with the same external id beside the field', async () => {
    await page.getByRole('button', { name: 'Create identity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create identity' });
    await dialog.getByRole('textbox', { name: 'External id' }).fill('acme-corp');
    await dialog.getByRole('button', { name: 'Create identity' }).click();
    await dialog.getByText('An identity with externalId "acme-corp" already exists.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'External id' }).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('creates a key bound to the identity through the picker with two named limits, which verification applies', async () => {
    await page.getByRole('link', { name: 'API Key Management' }).click();
    // The page's button (the empty list offers one too).
    await page.getByRole('button', { name: 'Create key' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Project' }), /Search API/);
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('acme crawler');
    await dialog.getByRole('combobox', { name: 'Identity' }).fill('acm');
    await page.getByRole('option', { name: 'acme-corp' }).click();
    expect(await dialog.getByRole('combobox', { name: 'Identity' }).inputValue()).toBe('acme-corp');
    await dialog.getByRole('button', { name: 'Add limit' }).click();
    await fillLimit(dialog, 1, { name: 'per-second', allowed: '5', seconds: '1' });
    await dialog.getByRole('button', { name: 'Add limit' }).click();
    await fillLimit(dialog, 2, { name: 'tokens', allowed: '1000', seconds: '3600', everyVerification: false });
    await expectAccessible(page, 'key-create-identity');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const issued = page.getByRole('dialog', { name: 'API key created' });
    token = (await issued.getByTestId('issued-token').innerText()).trim();
    await issued.getByRole('button', { name: 'I have stored the token' }).click();
    await issued.waitFor({ state: 'detached' });

    const key = (await admin.get('/v1/keys?q=acme%20crawler')).body.items[0];
    keyId = key.id;
    expect(key).toMatchObject({
      identity: { externalId: 'acme-corp' },
      ratelimits: [
        { name: 'per-second', limit: 5, durationMs: 1000, autoApply: true },
        { name: 'tokens', limit: 1000, durationMs: 3_600_000, autoApply: false },
      ],
    });
    const answer = (await apiClient(server.url).post('/v1/keys/verify', { key: token, projectId, ratelimits: [{ name: 'tokens', cost: 10 }] })).body;
    expect(answer).toMatchObject({ valid: true, code: 'VALID', identity: { externalId: 'acme-corp', meta: { plan: 'pro' } } });
    // The key's two limits (the one it names at its cost) and its identity's, shared.
    expect(answer.ratelimits).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'per-second', limit: 5, remaining: 4, exceeded: false }),
      expect.objectContaining({ name: 'tokens', limit: 1000, remaining: 990, exceeded: false }),
      expect.objectContaining({ name: 'requests', limit: 100, remaining: 99, exceeded: false }),
    ]));
  });

  it('shows the identity and the limits on the key’s page, and the key on the identity’s page', async () => {
    await rowWith(page, 'acme crawler').getByRole('link', { name: 'acme crawler' }).click();
    await page.getByRole('heading', { name: 'acme crawler', level: 1 }).waitFor();
    const details = page.locator('dl');
    await details.getByText('per-second: 5 per 1 s, every verification').waitFor();
    await details.getByText('tokens: 1,000 per 1 h, when a verification names it').waitFor();
    // The usage chart (its own chunk) has loaded: the loader in its place is not the screen.
    await page.getByRole('figure', { name: 'Verifications of acme crawler' }).locator('figcaption').waitFor();
    await expectAccessible(page, 'key-page-identity');
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit API key' });
    expect(await edit.getByRole('combobox', { name: 'Identity' }).inputValue()).toBe('acme-corp');
    expect(await limitRow(edit, 2).getByRole('textbox', { name: 'Limit name' }).inputValue()).toBe('tokens');
    expect(await limitRow(edit, 2).getByRole('checkbox', { name: 'Every verification' }).isChecked()).toBe(false);
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });

    await details.getByRole('link', { name: 'acme-corp' }).click();
    await page.getByRole('heading', { name: 'acme-corp', level: 1 }).waitFor();
    const keys = page.getByRole('table', { name: 'Keys of this identity' });
    await keys.getByRole('link', { name: 'acme crawler' }).waitFor();
    await page.locator('dl').getByText('requests: 100 per 1 min, every verification').waitFor();
    await expectAccessible(page, 'identity-page');
  });

  it('asks before deleting, says the identity still has keys (409), and deletes it with its keys when asked again', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete identity' });
    expect(await confirm.innerText()).toContain('1 key still point at it');
    await confirm.getByRole('button', { name: 'Delete identity' }).click();
    const refused = page.getByRole('dialog', { name: 'Identity still has keys' });
    await refused.getByText('Identity "acme-corp" has 1 key(s).', { exact: false }).waitFor();
    expect(await notificationTexts(page)).toEqual([]);
    await expectAccessible(page, 'identity-delete-refused');
    await refused.getByRole('button', { name: 'Delete identity and its keys' }).click();
    await page.waitForURL('**/identities');
    await eventually(summary).toBe('1 identity');

    expect((await admin.get('/v1/identities?q=acme')).body.total).toBe(0);
    expect((await admin.get(`/v1/keys/${keyId}`)).status).toBe(404);
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: token, projectId })).body.code).toBe('NOT_FOUND');
  });

  it('offers the new permissions in the group editor', async () => {
    await page.getByRole('link', { name: 'Permission groups' }).click();
    await page.getByRole('button', { name: 'Create group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create permission group' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('customer-care');
    for (const permission of ['identities.read', 'identities.write', 'portal.write']) await dialog.getByRole('checkbox', { name: permission }).check();
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.waitFor({ state: 'detached' });
    const group = (await admin.get('/v1/groups')).body.items.find((candidate: { name: string }) => candidate.name === 'customer-care');
    expect(group.permissions).toEqual(['identities.read', 'identities.write', 'portal.write']);
    expect(dashboard.problems).toEqual([]);
  });

  it('hides identities from a member without identities.read, whom the API refuses, and lets her edit a bound key all the same', async () => {
    expect((await member.client.get('/v1/identities')).status).toBe(403);
    const globex = (await admin.get('/v1/identities?q=globex')).body.items[0];
    expect((await member.client.get(`/v1/identities/${globex.id}`)).status).toBe(403);
    const bound = (await admin.post('/v1/keys', { projectId, name: 'nia’s globex key', owner: member.username, externalId: 'globex' })).body.key;

    const theirs = await openDashboard(browser, server.url);
    await signInWithForm(theirs.page, member.username, member.password);
    const navigation = await theirs.page.getByRole('navigation', { name: 'Main navigation' }).innerText();
    expect(navigation).toContain('API Key Management');
    expect(navigation).not.toContain('Identities');

    // The key's identity shows as text, not a link to a page she may not open.
    await rowAction(theirs.page, rowWith(theirs.page, 'nia’s globex key'), 'Open');
    await theirs.page.locator('dl').getByText('globex', { exact: true }).waitFor();
    expect(await theirs.page.locator('dl').getByRole('link', { name: 'globex' }).count()).toBe(0);
    // Editing the key's name sends neither its identity nor its limits: no identities.write needed.
    await theirs.page.getByRole('button', { name: 'Edit' }).click();
    const edit = theirs.page.getByRole('dialog', { name: 'Edit API key' });
    expect(await edit.getByRole('combobox', { name: 'Identity' }).isDisabled()).toBe(true);
    await edit.getByText('Choosing a key’s identity needs identities.write.').waitFor();
    await edit.getByRole('textbox', { name: 'Name', exact: true }).fill('nia’s renamed key');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    expect((await admin.get(`/v1/keys/${bound.id}`)).body).toMatchObject({ name: 'nia’s renamed key', identity: { externalId: 'globex' } });

    // Typed in by hand, the page is refused by the server, in its words.
    await theirs.page.goto('/identities');
    await eventually(() => notificationTexts(theirs.page)).toContainEqual(expect.stringContaining('Could not load identities'));
    expect(theirs.problems).toEqual([]);
    await theirs.context.close();
  });
});
