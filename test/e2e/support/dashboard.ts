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

/** Why a key's row (or card) is not fully readable: a part hidden, cut off or covered. */
export type LayoutProblem = { key: string; part: string; problem: string };

/**
 * Checks every key of the keys page from element boxes: at desktop size, no sideways scrolling,
 * and each cell inside the table's visible area, not clipped, and on top at its centre (nothing
 * covers it); on a phone, each card's parts (name, key, owner, expiry, status, actions) inside
 * the viewport and on top. Each row is scrolled into view first. Returns what is wrong.
 */
export async function keyLayoutProblems(page: Page): Promise<LayoutProblem[]> {
  return (await page.evaluate(`(async () => {
    const problems = [];
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const onTop = (element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && (element === hit || element.contains(hit));
    };
    const inside = (box, area) => box.left >= area.left - 0.5 && box.right <= area.right + 0.5;
    // Text clamped to some lines or cut with an ellipsis is partly hidden too.
    const clipped = (element) => element.clientWidth > 0 && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
    const viewport = { left: 0, right: window.innerWidth };
    const region = document.querySelector('[role="region"][aria-label="API keys table"]');
    if (region) {
      if (region.scrollWidth > region.clientWidth + 1) problems.push({ key: '*', part: 'table', problem: 'scrolls sideways (' + region.scrollWidth + ' > ' + region.clientWidth + ')' });
      const area = region.getBoundingClientRect();
      const headers = [...region.querySelectorAll('thead th')].map((th) => th.innerText.trim() || 'Actions');
      for (const row of region.querySelectorAll('tbody tr[data-key-id]')) {
        row.scrollIntoView({ block: 'center' });
        await frame();
        [...row.children].forEach((cell, index) => {
          const part = headers[index] || String(index);
          const key = row.getAttribute('data-key-id');
          const box = cell.getBoundingClientRect();
          if (box.width < 1 || box.height < 1) problems.push({ key, part, problem: 'has no size' });
          if (!inside(box, area) || !inside(box, viewport)) problems.push({ key, part, problem: 'outside the visible table (' + Math.round(box.left) + '–' + Math.round(box.right) + ')' });
          if (cell.scrollWidth > cell.clientWidth + 1) problems.push({ key, part, problem: 'content cut off' });
          for (const content of cell.querySelectorAll('a, code, button, input[role="switch"], p, time, span.mantine-Badge-root, span.mantine-Badge-label')) {
            const inner = content.getBoundingClientRect();
            if (inner.width < 1 || inner.height < 1) continue;
            if (clipped(content)) problems.push({ key, part, problem: content.tagName.toLowerCase() + ' text cut off: ' + content.innerText });
            if (!inside(inner, box)) problems.push({ key, part, problem: content.tagName.toLowerCase() + ' sticks out of its cell' });
            if (content.matches('input[role="switch"]')) continue;
            if (!onTop(content)) problems.push({ key, part, problem: content.tagName.toLowerCase() + ' is covered by ' + (document.elementFromPoint(inner.left + inner.width / 2, inner.top + inner.height / 2)?.outerHTML.slice(0, 80) || 'nothing') });
          }
        });
      }
      return problems;
    }
    const cards = document.querySelectorAll('ul[aria-label="API keys"] > li[data-key-id]');
    if (cards.length === 0) problems.push({ key: '*', part: 'list', problem: 'no key shown' });
    for (const card of cards) {
      card.scrollIntoView({ block: 'center' });
      await frame();
      const key = card.getAttribute('data-key-id');
      const parts = {
        name: card.querySelector('a'),
        'masked key': card.querySelector('code'),
        owner: [...card.querySelectorAll('dt')].find((dt) => dt.innerText === 'Owner')?.nextElementSibling,
        expires: [...card.querySelectorAll('dt')].find((dt) => dt.innerText === 'Expires')?.nextElementSibling,
        'status switch': card.querySelector('input[role="switch"]')?.closest('.mantine-Switch-root'),
        actions: card.querySelector('button[aria-label^="Actions for"]'),
      };
      for (const [part, element] of Object.entries(parts)) {
        if (!element) { problems.push({ key, part, problem: 'missing' }); continue; }
        const box = element.getBoundingClientRect();
        if (box.width < 1 || box.height < 1) problems.push({ key, part, problem: 'has no size' });
        if (!inside(box, viewport)) problems.push({ key, part, problem: 'outside the screen (' + Math.round(box.left) + '–' + Math.round(box.right) + ')' });
        for (const text of [element, ...element.querySelectorAll('a, code, p, span.mantine-Badge-label')]) if (clipped(text)) problems.push({ key, part, problem: 'text cut off: ' + text.innerText });
        if (!onTop(element)) problems.push({ key, part, problem: 'is covered by ' + (document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.outerHTML.slice(0, 80) || 'nothing') });
      }
    }
    return problems;
  })()`)) as LayoutProblem[];
}
