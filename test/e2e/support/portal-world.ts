import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../support/api-client.ts';
import { managementKey } from '../../support/people.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { launchChromium } from './dashboard.ts';

export const RETURN_URL = 'https://app.example.com/settings/keys';

/**
 * What the portal's browser tests share: a Keyward whose portal may be framed by a host
 * application's page (served here), a project with two groups, two customers (identities)
 * and a key of the second one, and the host application's backend (a management key that may
 * make portal links offering readers).
 */
export type PortalWorld = {
  server: TestServer;
  browser: Browser;
  hostPort: number;
  admin: ApiClient;
  host: ApiClient;
  anonymous: ApiClient;
  projectId: string;
  readers: string;
  writers: string;
  acme: string;
  globex: string;
  globexKeyId: string;
  /** What the host application's backend does: asks for a link to hand to its customer's browser. */
  portalLink: (body?: Record<string, unknown>) => Promise<string>;
  /** Verifies a token as the host application's API would (asking for orders.read). */
  verify: (key: string) => Promise<Record<string, any>>;
};

/** Sets up a PortalWorld before the file's tests and closes it after them. */
export function withPortalWorld(use: (world: PortalWorld) => void): void {
  let hostApp: Server | undefined;
  let world: PortalWorld | undefined;
  beforeAll(async () => {
    // The host application's page that frames the portal (its origin is a frame ancestor).
    hostApp = createServer((request, response) => {
      const src = new URL(request.url ?? '/', 'http://host').searchParams.get('src') ?? '';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><title>Host application</title><iframe title="Your API keys" src="${encodeURI(src)}" width="1100" height="700"></iframe></html>`);
    });
    await new Promise<void>((listening) => hostApp!.listen(0, '127.0.0.1', listening));
    const hostPort = (hostApp.address() as AddressInfo).port;
    const [server, browser] = await Promise.all([
      startTestServer({ env: { KEYWARD_PORTAL_FRAME_ANCESTORS: `https://app.example.com http://127.0.0.1:${hostPort}` } }),
      launchChromium(),
    ]);
    const admin = (await signIn(server)).client;
    const anonymous = apiClient(server.url);
    const projectId = (await admin.post('/v1/projects', { name: 'Orders API', keyPrefix: 'ord' })).body.id;
    const readers = (await admin.post('/v1/groups', { name: 'order-readers', permissions: ['orders.read'] })).body.id;
    const writers = (await admin.post('/v1/groups', { name: 'order-writers', permissions: ['orders.write'] })).body.id;
    const [acme, globex] = ['acme-corp', 'globex-inc'];
    for (const externalId of [acme, globex]) expect((await admin.post('/v1/identities', { externalId })).status).toBe(201);
    const globexKey = await admin.post('/v1/keys', { projectId, externalId: globex, name: 'globex production', groupIds: [readers] });
    const host = (await managementKey(server, admin, ['portal.write', 'orders.read'])).client;
    world = {
      server, browser, hostPort, admin, host, anonymous, projectId, readers, writers, acme, globex,
      globexKeyId: globexKey.body.key.id,
      portalLink: async (body = {}) => {
        const created = await host.post('/v1/portal/sessions', { projectId, externalId: acme, groupIds: [readers], returnUrl: RETURN_URL, ...body });
        expect(created.status, created.text).toBe(201);
        return created.body.url as string;
      },
      verify: async (key) => (await anonymous.post('/v1/keys/verify', { key, permissions: ['orders.read'] })).body,
    };
    use(world);
  });
  afterAll(async () => {
    await world?.browser.close();
    await world?.server.close();
    await new Promise((closed) => hostApp?.close(closed));
  });
}
