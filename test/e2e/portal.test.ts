import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureScreen, eventually, openDashboard, rowAction, rowWith, type DashboardPage } from './support/dashboard.ts';
import { RETURN_URL, withPortalWorld, type PortalWorld } from './support/portal-world.ts';

const TOKEN = /^ord_[0-9A-Za-z]{30}$/;

/**
 * The self-service portal as a customer's browser uses it: the host application's backend asks
 * for a link (a management key holding portal.write), the browser opens it, and the page works
 * on that identity's keys alone, over the portal cookie, which opens nothing else.
 * (Framing and expiry: portal-framing-and-expiry.test.ts.)
 */
describe('self-service portal: a customer manages her own keys', { timeout: 120_000 }, () => {
  let world: PortalWorld;
  let customer: DashboardPage;
  let page: Page;
  // The first link, the key made through it, and its tokens as the page showed them.
  let firstUrl = '';
  let keyId = '';
  const tokens: string[] = [];

  withPortalWorld((started) => (world = started));
  beforeAll(async () => {
    customer = await openDashboard(world.browser, world.server.url);
    page = customer.page;
  });

  const portalLink = (body?: Record<string, unknown>) => world.portalLink(body);
  const verify = (key: string) => world.verify(key);
  const expectAccessible = async (on: Page, screen: string) => expect.soft(await captureScreen(on, screen)).toEqual([]);

  /** Reads the shown-once dialog (the console's TokenModal): its token, checked for its warning and copy button. */
  const readIssued = async (title: string) => {
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('This is the only time the token is shown');
    const token = (await dialog.getByTestId('issued-token').innerText()).trim();
    expect(token).toMatch(TOKEN);
    await dialog.getByRole('button', { name: 'Copy token' }).click();
    await dialog.getByRole('button', { name: 'Copied to the clipboard' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    return { dialog, token, keyId: (await dialog.getByTestId('issued-key-id').innerText()).trim() };
  };

  it('opens from the link with the project, the identity and the way back; a key made there shows its token once and verifies as that identity', async () => {
    firstUrl = await portalLink();
    const requested: string[] = [];
    const responses: Response[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    page.on('response', (response) => responses.push(response));
    await page.goto(firstUrl);
    await page.waitForURL('**/portal');
    await page.getByRole('heading', { level: 1, name: 'Orders API' }).waitFor();
    await page.waitForLoadState('networkidle');
    // A first visit (an empty cache) costs no more than the console's sign-in page may (first-load.test.ts).
    let transferred = 0;
    for (const response of responses) {
      const sizes = await response.request().sizes();
      transferred += sizes.responseHeadersSize + sizes.responseBodySize;
    }
    console.log(`portal page: ${responses.length} responses, ${transferred} bytes transferred`);
    expect(transferred).toBeLessThanOrEqual(300 * 1024);
    expect(await page.locator('main').innerText()).toContain(`API keys of ${world.acme}`);
    const back = page.getByRole('link', { name: 'Back to app.example.com' });
    expect(await back.getAttribute('href')).toBe(RETURN_URL);
    await page.getByText('No API keys yet').waitFor();
    // Another identity's key in the same project is not hers to see.
    expect(await page.locator('main').innerText()).not.toContain('globex production');
    await expectAccessible(page, 'portal-empty');

    await page.getByRole('button', { name: 'Create key' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('billing worker');
    // The groups the link offers, ticked; nothing else is offered.
    expect(await dialog.getByRole('checkbox', { name: 'order-readers' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'order-writers' }).count()).toBe(0);
    await expectAccessible(page, 'portal-create');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const issued = await readIssued('API key created');
    await expectAccessible(page, 'portal-token');
    await issued.dialog.getByRole('button', { name: 'I have stored the token' }).click();
    await issued.dialog.waitFor({ state: 'detached' });
    keyId = issued.keyId;
    tokens.push(issued.token);

    expect(await verify(issued.token)).toMatchObject({ valid: true, code: 'VALID', keyId, identity: { externalId: world.acme } });
    const key = (await world.admin.get(`/v1/keys/${keyId}`)).body;
    expect(key).toMatchObject({ projectId: world.projectId, identity: { externalId: world.acme }, owner: null, createdBy: null });
    const row = rowWith(page, 'billing worker');
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(`${key.start}…${key.end}`);
    expect(rowText).toContain('order-readers');
    expect(rowText).toContain('Never');
    expect(rowText).toContain('Active');
    expect(await page.content()).not.toContain(issued.token);
    await expectAccessible(page, 'portal-keys');

    // The page asked nothing of the console: no session or sign-in call, no console chunk.
    expect(requested.filter((path) => path.startsWith('/v1/') && !path.startsWith('/v1/portal/'))).toEqual([]);
    expect(requested.filter((path) => /\/assets\/(Console|SignInPage)-/.test(path))).toEqual([]);
    expect(customer.problems).toEqual([]);
  });

  it("reaches with its cookie her keys only: another identity's key is 404 on every portal route, console and management routes refuse it", async () => {
    const session = await page.request.get('/v1/portal/session');
    expect(session.status()).toBe(200);
    const csrf = { 'x-csrf-token': (await session.json()).csrfToken as string };
    const other = `/v1/portal/keys/${world.globexKeyId}`;
    const answers = [
      await page.request.get(other),
      await page.request.patch(other, { data: { enabled: false }, headers: csrf }),
      await page.request.post(`${other}/regenerate`, { headers: csrf }),
      await page.request.get(`${other}/usage`),
      await page.request.delete(other, { headers: csrf }),
    ];
    expect(answers.map((answer) => answer.status())).toEqual([404, 404, 404, 404, 404]);
    for (const answer of answers.slice(1)) expect((await answer.json()).code).toBe('NOT_FOUND');
    expect((await page.request.get('/v1/portal/keys')).ok()).toBe(true);
    expect(((await (await page.request.get('/v1/portal/keys')).json()).items as { id: string }[]).map((key) => key.id)).toEqual([keyId]);
    // Globex's key is untouched.
    expect((await world.admin.get(`/v1/keys/${world.globexKeyId}`)).body.enabled).toBe(true);

    // The portal cookie (and its CSRF token) is no console session and no management credential.
    const refused = [
      await page.request.get('/v1/auth/me'),
      await page.request.get('/v1/keys'),
      await page.request.get('/v1/users'),
      await page.request.get('/v1/identities'),
      await page.request.get('/v1/projects'),
      await page.request.get(`/v1/keys/${keyId}`),
      await page.request.post('/v1/keys', { data: { projectId: world.projectId }, headers: csrf }),
      await page.request.post('/v1/portal/sessions', { data: { projectId: world.projectId, externalId: world.acme }, headers: csrf }),
      await page.request.post('/v1/auth/logout', { headers: csrf }),
    ];
    for (const answer of refused) {
      expect([401, 403], answer.url()).toContain(answer.status());
      expect((await answer.json()).code, answer.url()).toMatch(/^(UNAUTHENTICATED|FORBIDDEN|CSRF_FAILED)$/);
    }
    expect(refused.filter((answer) => answer.status() === 401).length).toBeGreaterThan(0);
  });

  it('regenerates (the new token shown once, the old one refused), deactivates, activates, shows usage and deletes after asking', async () => {
    const [oldToken] = tokens;
    await rowAction(page, rowWith(page, 'billing worker'), 'Regenerate');
    const confirm = page.getByRole('dialog', { name: 'Regenerate API key' });
    expect(await confirm.innerText()).toContain('The old token stops working at once');
    await expectAccessible(page, 'portal-regenerate');
    await confirm.getByRole('button', { name: 'Regenerate' }).click();
    const regenerated = await readIssued('API key regenerated');
    expect(regenerated.keyId).toBe(keyId);
    expect(regenerated.token).not.toBe(oldToken);
    await regenerated.dialog.getByRole('button', { name: 'I have stored the token' }).click();
    await regenerated.dialog.waitFor({ state: 'detached' });
    expect((await verify(oldToken!)).code).toBe('NOT_FOUND');
    expect((await verify(regenerated.token)).code).toBe('VALID');

    const row = rowWith(page, 'billing worker');
    const toggle = row.getByRole('switch', { name: 'Active: billing worker' });
    await toggle.focus();
    await page.keyboard.press('Space');
    await eventually(() => row.innerText()).toContain('Inactive');
    expect((await verify(regenerated.token)).code).toBe('DISABLED');
    await rowAction(page, row, 'Activate');
    await eventually(() => row.innerText()).toMatch(/\bActive\b/);
    expect((await verify(regenerated.token)).code).toBe('VALID');

    // The key's verifications: the first token's, then the new one's (the old token's NOT_FOUND is no key's).
    await rowAction(page, row, 'Usage');
    const usage = page.getByRole('dialog', { name: 'Usage of billing worker' });
    await eventually(() => usage.getByTestId('usage-summary').innerText()).toBe('4 verifications: 3 VALID, 1 DISABLED.');
    await expectAccessible(page, 'portal-usage');
    await page.keyboard.press('Escape');
    await usage.waitFor({ state: 'detached' });

    await rowAction(page, row, 'Delete');
    const askDelete = page.getByRole('dialog', { name: 'Delete API key' });
    expect(await askDelete.innerText()).toContain('billing worker');
    await askDelete.getByRole('button', { name: 'Delete key' }).click();
    await page.getByText('No API keys yet').waitFor();
    expect((await verify(regenerated.token)).code).toBe('NOT_FOUND');
    expect((await world.admin.get(`/v1/keys/${keyId}`)).status).toBe(404);
    expect(customer.problems).toEqual([]);
  });

  it('refuses the link the second time (410 PORTAL_LINK_USED) with a page that says so', async () => {
    const again = await page.goto(firstUrl);
    expect(again?.status()).toBe(410);
    await page.getByRole('heading', { level: 1, name: 'This link was already used' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Ask app.example.com for a new one.');
    // This browser still holds the session the link opened: its keys are a click away.
    await page.getByRole('link', { name: 'Open your keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders API' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'This link was already used' }).waitFor();
    await expectAccessible(page, 'portal-link-used');

    // A program asking gets the problem; a browser without the session, the page alone.
    const asProgram = await page.request.get(firstUrl, { maxRedirects: 0 });
    expect(asProgram.status()).toBe(410);
    expect(asProgram.headers()['content-type']).toMatch(/^application\/problem\+json/);
    expect((await asProgram.json()).code).toBe('PORTAL_LINK_USED');
    const stranger = await openDashboard(world.browser, world.server.url);
    expect((await stranger.page.goto(firstUrl))?.status()).toBe(410);
    await stranger.page.getByRole('heading', { level: 1, name: 'This link was already used' }).waitFor();
    expect(await stranger.page.locator('main').innerText()).toContain('Ask the application that sent you here for a new one.');
    expect(await stranger.page.getByRole('link', { name: 'Open your keys' }).count()).toBe(0);
    expect(await stranger.page.getByRole('textbox').count()).toBe(0);
    // A link no one made (cut short, mistyped): 404, and a page that says so.
    expect((await stranger.page.goto(`/portal/link/portal_${'A'.repeat(30)}`))?.status()).toBe(404);
    await stranger.page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
    expect(stranger.problems).toEqual([]);
    await stranger.context.close();
  });

  it('works in the dark theme, and signing out ends the session there', async () => {
    for (const name of ['reporting', 'mobile app']) {
      expect((await world.admin.post('/v1/keys', { projectId: world.projectId, externalId: world.acme, name, groupIds: [world.readers] })).status).toBe(201);
    }
    const dark = await openDashboard(world.browser, world.server.url, { colorScheme: 'dark' });
    await dark.page.goto(await portalLink());
    await rowWith(dark.page, 'mobile app').waitFor();
    await rowWith(dark.page, 'reporting').waitFor();
    expect(await dark.page.evaluate('document.documentElement.dataset.mantineColorScheme')).toBe('dark');
    await expectAccessible(dark.page, 'portal-keys-dark');

    await dark.page.getByRole('button', { name: 'Sign out' }).click();
    await dark.page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
    expect(await dark.page.locator('main').innerText()).toContain('ask app.example.com for a new link');
    expect((await dark.page.request.get('/v1/portal/keys')).status()).toBe(401);
    expect(dark.problems).toEqual([]);
    await dark.context.close();
  });

});
