import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../support/api-client.ts';
import { managementKey } from '../support/people.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { captureScreen, eventually, launchChromium, openDashboard, rowAction, rowWith, type DashboardPage } from './support/dashboard.ts';

const TOKEN = /^ord_[0-9A-Za-z]{30}$/;
const RETURN_URL = 'https://app.example.com/settings/keys';

/**
 * The self-service portal as a customer's browser uses it: the host application's backend asks
 * for a link (a management key holding portal.write), the browser opens it, and the page works
 * on that identity's keys alone, over the portal cookie, which opens nothing else.
 */
describe('self-service portal: a customer manages her own keys', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  // The host application's page that frames the portal (its origin is a frame ancestor).
  let hostApp: Server;
  let hostPort = 0;
  let admin: ApiClient;
  let host: ApiClient;
  let anonymous: ApiClient;
  let customer: DashboardPage;
  let page: Page;
  const world = { projectId: '', readers: '', writers: '', acme: 'acme-corp', globex: 'globex-inc', globexKeyId: '' };
  // The first link, the key made through it, and its tokens as the page showed them.
  let firstUrl = '';
  let keyId = '';
  const tokens: string[] = [];

  beforeAll(async () => {
    hostApp = createServer((request, response) => {
      const src = new URL(request.url ?? '/', 'http://host').searchParams.get('src') ?? '';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><title>Host application</title><iframe title="Your API keys" src="${encodeURI(src)}" width="1100" height="700"></iframe></html>`);
    });
    await new Promise<void>((listening) => hostApp.listen(0, '127.0.0.1', listening));
    hostPort = (hostApp.address() as AddressInfo).port;
    [server, browser] = await Promise.all([
      startTestServer({ env: { KEYWARD_PORTAL_FRAME_ANCESTORS: `https://app.example.com http://127.0.0.1:${hostPort}` } }),
      launchChromium(),
    ]);
    admin = (await signIn(server)).client;
    anonymous = apiClient(server.url);
    world.projectId = (await admin.post('/v1/projects', { name: 'Orders API', keyPrefix: 'ord' })).body.id;
    world.readers = (await admin.post('/v1/groups', { name: 'order-readers', permissions: ['orders.read'] })).body.id;
    world.writers = (await admin.post('/v1/groups', { name: 'order-writers', permissions: ['orders.write'] })).body.id;
    for (const externalId of [world.acme, world.globex]) expect((await admin.post('/v1/identities', { externalId })).status).toBe(201);
    const globexKey = await admin.post('/v1/keys', { projectId: world.projectId, externalId: world.globex, name: 'globex production', groupIds: [world.readers] });
    world.globexKeyId = globexKey.body.key.id;
    // The host application's backend: a management key that may make portal links offering readers.
    host = (await managementKey(server, admin, ['portal.write', 'orders.read'])).client;
    customer = await openDashboard(browser, server.url);
    page = customer.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((closed) => hostApp?.close(closed));
  });

  /** What the host application's backend does: asks for a link to hand to its customer's browser. */
  const portalLink = async (body: Record<string, unknown> = {}) => {
    const created = await host.post('/v1/portal/sessions', { projectId: world.projectId, externalId: world.acme, groupIds: [world.readers], returnUrl: RETURN_URL, ...body });
    expect(created.status, created.text).toBe(201);
    return created.body.url as string;
  };
  const verify = async (key: string) => (await anonymous.post('/v1/keys/verify', { key, permissions: ['orders.read'] })).body;
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
    const key = (await admin.get(`/v1/keys/${keyId}`)).body;
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
    expect((await admin.get(`/v1/keys/${world.globexKeyId}`)).body.enabled).toBe(true);

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
    expect((await admin.get(`/v1/keys/${keyId}`)).status).toBe(404);
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
    const stranger = await openDashboard(browser, server.url);
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

  it('may be framed by the origins of KEYWARD_PORTAL_FRAME_ANCESTORS, and by no other', async () => {
    const portal = await page.goto('/portal');
    const policy = (await portal!.allHeaders())['content-security-policy'] ?? '';
    expect(policy).toContain(`frame-ancestors 'self' https://app.example.com http://127.0.0.1:${hostPort}`);
    expect((await portal!.allHeaders())['x-frame-options']).toBeUndefined();
    // The console keeps its own pages to itself.
    const consolePage = await page.request.get('/sign-in', { headers: { accept: 'text/html' } });
    expect(consolePage.headers()['content-security-policy']).toContain("frame-ancestors 'self';");
    expect(consolePage.headers()['x-frame-options']).toBe('SAMEORIGIN');

    // The host application shows the portal in a frame; the link opens there, as a link would.
    const framing = await openDashboard(browser, `http://127.0.0.1:${hostPort}`);
    await framing.page.goto(`/?src=${encodeURIComponent(await portalLink())}`);
    await framing.page.frameLocator('iframe').getByRole('heading', { level: 1, name: 'Orders API' }).waitFor();
    // The same page from an origin the setting does not name: the browser refuses the frame.
    const refusal = framing.page.waitForEvent('console', (message) => message.text().includes('frame-ancestors'));
    await framing.page.goto(`http://localhost:${hostPort}/?src=${encodeURIComponent(await portalLink())}`);
    expect((await refusal).text()).toContain(`violates the following Content Security Policy directive: "frame-ancestors 'self' https://app.example.com http://127.0.0.1:${hostPort}"`);
    expect(await framing.page.frameLocator('iframe').getByRole('heading', { name: 'Orders API' }).count()).toBe(0);
    await framing.context.close();
  });

  it('works in the dark theme, and signing out ends the session there', async () => {
    for (const name of ['reporting', 'mobile app']) {
      expect((await admin.post('/v1/keys', { projectId: world.projectId, externalId: world.acme, name, groupIds: [world.readers] })).status).toBe(201);
    }
    const dark = await openDashboard(browser, server.url, { colorScheme: 'dark' });
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

  // Moves the server's clock: the last test of the file.
  it('refuses a link after its TTL (410 PORTAL_LINK_EXPIRED); a session past its TTL says the link expired, with no sign-in form', async () => {
    const late = await portalLink({ ttlSeconds: 60 });
    await page.goto('/portal');
    await rowWith(page, 'reporting').waitFor();
    // Past the first link's session (the default TTL, 300 s) and the late link's 60 s.
    server.advance(5 * 60_000 + 1000);

    // The open page's next call finds the session over: the page says so and where to go.
    await page.getByRole('button', { name: 'Create key' }).first().click();
    await page.getByRole('dialog', { name: 'Create API key' }).getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'This link has expired' }).waitFor();
    const main = page.locator('main');
    expect(await main.innerText()).toContain('Ask app.example.com for a new one');
    expect(await page.getByRole('link', { name: 'Back to app.example.com' }).getAttribute('href')).toBe(RETURN_URL);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await expectAccessible(page, 'portal-expired');
    // Loaded afresh, the page has no session to name the application by.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This link has expired' }).waitFor();
    expect(await main.innerText()).toContain('Ask the application that sent you here for a new one');

    const asProgram = await page.request.get(late, { maxRedirects: 0 });
    expect(asProgram.status()).toBe(410);
    expect((await asProgram.json()).code).toBe('PORTAL_LINK_EXPIRED');
    expect((await page.goto(late))?.status()).toBe(410);
    await page.getByRole('heading', { level: 1, name: 'This link has expired' }).waitFor();
    expect(await main.innerText()).toContain('works for a short time only');
  });
});
