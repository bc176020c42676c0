import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../src/domain/webhook-signature.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { captureScreen, eventually, rowAction, rowWith, type DashboardPage } from './support/dashboard.ts';
import { withSignedInDashboard } from './support/signed-in-dashboard.ts';

/** Issue #16: the webhooks screens (the API had them; the group editor offered webhooks.read/write). */
describe('dashboard: a webhook created, tested and its delivery seen', { timeout: 120_000 }, () => {
  let receiver: WebhookReceiver;
  let dashboard: DashboardPage;
  let page: Page;
  let admin: ApiClient;
  let secret = '';

  const expectAccessible = async (screen: string) => expect.soft(await captureScreen(page, screen)).toEqual([]);
  /** Whether a received request carries a valid signature by `key` (see README, "Webhooks"). */
  const signedBy = (request: WebhookReceiver['received'][number], key: string) => {
    const header = String(request.headers['keyward-signature']);
    const timestamp = Number(/t=(\d+)/.exec(header)?.[1]);
    return header === signatureHeader(key, timestamp, request.rawBody);
  };

  withSignedInDashboard((world) => ({ dashboard, page, admin } = world), {
    server: { webhookPollMs: 50 },
    seed: async ({ admin }) => {
      receiver = await startWebhookReceiver();
      await admin.post('/v1/projects', { name: 'Orders API', keyPrefix: 'ord' });
    },
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('creates a webhook and shows its signing secret once', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('No webhooks yet').waitFor();
    await expectAccessible('webhooks-empty');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create webhook' });
    await dialog.getByRole('textbox', { name: 'URL' }).fill('ftp://nope');
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    await dialog.getByText('An http:// or https:// address').waitFor();
    await dialog.getByRole('textbox', { name: 'URL' }).fill(`${receiver.url}/keyward`);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Order service');
    await expectAccessible('webhook-create');
    await dialog.getByRole('button', { name: 'Create webhook' }).click();

    const shown = page.getByRole('dialog', { name: 'Webhook created' });
    secret = (await shown.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expectAccessible('webhook-secret');
    await shown.getByRole('button', { name: 'I have stored the secret' }).click();
    await rowWith(page, `${receiver.url}/keyward`).waitFor();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible('webhooks');
  });

  it('sends a test event, and its delivery shows in the log with the receiver’s answer; the delivery is signed with the secret shown', async () => {
    await rowAction(page, rowWith(page, `${receiver.url}/keyward`), 'Send a test');
    await rowWith(page, `${receiver.url}/keyward`).getByRole('link').click();
    await page.getByRole('heading', { name: 'Webhook', level: 1 }).waitFor();
    const log = page.getByRole('table', { name: 'Deliveries' });
    await eventually(() => log.locator('tbody').innerText()).toContain('delivered');
    const row = await log.locator('tbody tr').first().innerText();
    expect(row).toContain('webhook.test');
    expect(row).toMatch(/#1 .*HTTP 200/);
    const received = receiver.received.filter((request) => request.json?.type === 'webhook.test');
    expect(received).toHaveLength(1);
    expect(signedBy(received[0]!, secret)).toBe(true);
    await expectAccessible('webhook-deliveries');
  });

  it('rotates the secret (asking first): the next delivery is signed with the new one', async () => {
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: 'Rotate signing secret' }).getByRole('button', { name: 'Rotate secret' }).click();
    const shown = page.getByRole('dialog', { name: 'Signing secret rotated' });
    const rotated = (await shown.getByTestId('webhook-secret').innerText()).trim();
    expect(rotated).not.toBe(secret);
    await shown.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.getByRole('button', { name: 'Send a test' }).click();
    await eventually(async () => receiver.received.filter((request) => request.json?.type === 'webhook.test').length).toBe(2);
    const latest = receiver.received.filter((request) => request.json?.type === 'webhook.test').at(-1)!;
    expect(signedBy(latest, rotated)).toBe(true);
    expect(signedBy(latest, secret)).toBe(false);
    await eventually(() => page.getByRole('table', { name: 'Deliveries' }).locator('tbody tr').count()).toBe(2);
  });

  it('edits the webhook: an inactive one cannot be sent a test', async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit webhook' });
    await dialog.getByRole('switch', { name: 'Active' }).uncheck();
    await expectAccessible('webhook-edit');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => page.getByRole('button', { name: 'Send a test' }).isDisabled()).toBe(true);
    expect((await admin.get('/v1/webhooks')).body.items[0]).toMatchObject({ enabled: false, description: 'Order service' });
    expect(dashboard.problems).toEqual([]);
  });
});
