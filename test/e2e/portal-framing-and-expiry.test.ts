import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureScreen, openDashboard, rowWith } from './support/dashboard.ts';
import { RETURN_URL, withPortalWorld, type PortalWorld } from './support/portal-world.ts';

/**
 * The self-service portal inside the host application's page (framed by the origins the
 * setting names, and by no other), and after its time is up (the link and the session).
 */
describe('self-service portal: framing and expiry', { timeout: 120_000 }, () => {
  let world: PortalWorld;
  let page: Page;

  withPortalWorld((started) => (world = started));
  beforeAll(async () => {
    page = (await openDashboard(world.browser, world.server.url)).page;
  });
  const expectAccessible = async (on: Page, screen: string) => expect.soft(await captureScreen(on, screen)).toEqual([]);

  it('may be framed by the origins of KEYWARD_PORTAL_FRAME_ANCESTORS, and by no other', async () => {
    const portal = await page.goto('/portal');
    const policy = (await portal!.allHeaders())['content-security-policy'] ?? '';
    expect(policy).toContain(`frame-ancestors 'self' https://app.example.com http://127.0.0.1:${world.hostPort}`);
    expect((await portal!.allHeaders())['x-frame-options']).toBeUndefined();
    // The console keeps its own pages to itself.
    const consolePage = await page.request.get('/sign-in', { headers: { accept: 'text/html' } });
    expect(consolePage.headers()['content-security-policy']).toContain("frame-ancestors 'self';");
    expect(consolePage.headers()['x-frame-options']).toBe('SAMEORIGIN');

    // The host application shows the portal in a frame; the link opens there, as a link would.
    const framing = await openDashboard(world.browser, `http://127.0.0.1:${world.hostPort}`);
    await framing.page.goto(`/?src=${encodeURIComponent(await world.portalLink())}`);
    await framing.page.frameLocator('iframe').getByRole('heading', { level: 1, name: 'Orders API' }).waitFor();
    // The same page from an origin the setting does not name: the browser refuses the frame.
    const refusal = framing.page.waitForEvent('console', (message) => message.text().includes('frame-ancestors'));
    await framing.page.goto(`http://localhost:${world.hostPort}/?src=${encodeURIComponent(await world.portalLink())}`);
    expect((await refusal).text()).toContain(`violates the following Content Security Policy directive: "frame-ancestors 'self' https://app.example.com http://127.0.0.1:${world.hostPort}"`);
    expect(await framing.page.frameLocator('iframe').getByRole('heading', { name: 'Orders API' }).count()).toBe(0);
    await framing.context.close();
  });

  // Moves the server's clock: the last test of the file.
  it('refuses a link after its TTL (410 PORTAL_LINK_EXPIRED); a session past its TTL says the link expired, with no sign-in form', async () => {
    expect((await world.admin.post('/v1/keys', { projectId: world.projectId, externalId: world.acme, name: 'reporting', groupIds: [world.readers] })).status).toBe(201);
    await page.goto(await world.portalLink());
    const late = await world.portalLink({ ttlSeconds: 60 });
    await rowWith(page, 'reporting').waitFor();
    // Past the first link's session (the default TTL, 300 s) and the late link's 60 s.
    world.server.advance(5 * 60_000 + 1000);

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
