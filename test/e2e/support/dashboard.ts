import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, which .ci/run installs; playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The two sizes every screen is checked and photographed at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * Where screenshots go: docs/screenshots only when asked (`npm run screenshots`, or
 * KEYWARD_SCREENSHOTS=1), so an ordinary test run leaves the committed images alone; a
 * directory under the system's temp dir otherwise (still written, so a failing run can be looked at).
 */
export const SCREENSHOTS_DIR =
  process.env.KEYWARD_SCREENSHOTS === '1' ? join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots') : join(tmpdir(), 'keyward-screenshots');
mkdirSync(SCREENSHOTS_DIR, { recursive: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One browser per test file: launching costs about a second, a new context a few milliseconds. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The browser tests drive Debian's Chromium at ${CHROMIUM_PATH}: install it with "apt-get install chromium" (.ci/run does).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export type DashboardPage = {
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors other than failed requests (CSP violations land here). */
  problems: string[];
};

/**
 * A fresh browser context (own cookies, clipboard allowed) on the dashboard at `baseUrl`, at
 * desktop size, in UTC, asking for reduced motion so dialogs appear without animation.
 */
export async function openDashboard(browser: Browser, baseUrl: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<DashboardPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: VIEWPORTS.desktop,
    reducedMotion: 'reduce',
    timezoneId: 'UTC',
    locale: 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const page = await context.newPage();
  // Generous: CI machines run the browser beside the rest of the suite.
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    // Refused API calls (401 before sign-in, the 422 a test provokes) log "Failed to load resource".
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

/** Signs in through the form, as a person would, and waits for the console to show. */
export async function signInWithForm(page: Page, username: string, password: string): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: `Account: ${username}` }).waitFor();
}

export type A11yViolation = { screen: string; id: string; impact: string; help: string; nodes: string[] };

/**
 * Waits until a JavaScript expression is true in the page. Polled with `page.evaluate`, which
 * goes through the DevTools protocol: `page.waitForFunction` with a string builds its predicate
 * with `eval` inside the page, which the dashboard's CSP (no 'unsafe-eval') refuses at times.
 */
export async function waitForPageState(page: Page, expression: string): Promise<void> {
  await expect.poll(() => page.evaluate(expression), { timeout: 15_000, interval: 50 }).toBe(true);
}

/** Waits until no table is loading, then two frames, so layout and paint have caught up. */
async function settle(page: Page): Promise<void> {
  await waitForPageState(page, 'document.querySelectorAll(\'[aria-busy="true"]\').length === 0');
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page, screen: string): Promise<A11yViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) allows it.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ') + ': ' + (node.failureSummary || '')),
      })))`)) as Omit<A11yViolation, 'screen'>[];
  return found.map((violation) => ({ screen, ...violation }));
}

/**
 * Checks a screen at desktop and phone size: axe's serious/critical violations are returned
 * (the test expects none) and a screenshot of each size goes to <SCREENSHOTS_DIR>/<name>-<size>.png.
 * The page is left at desktop size; `sizes` limits it to screens that exist at one size only.
 */
export async function captureScreen(page: Page, name: string, sizes: (keyof typeof VIEWPORTS)[] = ['desktop', 'phone']): Promise<A11yViolation[]> {
  const found: A11yViolation[] = [];
  // The pointer stays where the last click was; its hover styles and tooltips are not the screen.
  await page.mouse.move(0, 0);
  for (const size of sizes) {
    const viewport = VIEWPORTS[size];
    await page.setViewportSize(viewport);
    await settle(page);
    found.push(...(await seriousViolations(page, `${name} (${size})`)));
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${size}.png`), animations: 'disabled', caret: 'hide' });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  return found;
}

/**
 * `expect.poll` with room for a page load and a round trip (its default gives up after 1 s).
 *
 * @example await eventually(() => row.innerText()).toContain('Inactive')
 */
export function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

/** The text of every notification now shown (Mantine renders them with role="alert"). */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.mantine-Notification-root').allInnerTexts();
}

/** Chooses an option of a Mantine Select, MultiSelect or Autocomplete by its visible text. */
export async function chooseOption(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  await field.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The table row that mentions `text`. */
export function rowWith(page: Page, text: string): Locator {
  return page.locator('tbody tr', { hasText: text });
}

/**
 * Chooses an action from a row's (or a phone card's) actions menu, as a person would: the
 * "Actions for <name>" button, then the item.
 *
 * @example await rowAction(page, rowWith(page, 'eli'), 'Edit')
 */
export async function rowAction(page: Page, row: Locator, action: string): Promise<void> {
  await row.getByRole('button', { name: /^Actions for / }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}

/** What the pagination says of a list that fits on one page: "1 key", "6 keys". */
export function countText(count: number, plural: string): string {
  return `${count} ${count === 1 ? plural.slice(0, -1) : plural}`;
}
