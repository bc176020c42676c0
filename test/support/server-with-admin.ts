import { afterAll, beforeAll } from 'vitest';
import { createKeyWith, signIn, type ApiClient } from './api-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * Before the file's (or describe block's) tests, a real server on a fresh database (see
 * startTestServer), handed to `use`; after them, closed. For tests that sign in their own way
 * or not at all; most want withServerAndAdmin.
 *
 * @example
 * let server: TestServer;
 * withTestServer((started) => (server = started));
 */
export function withTestServer(use: (server: TestServer) => void, options?: Parameters<typeof startTestServer>[0]): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    use(server);
  });
  afterAll(async () => server?.close());
}

/** What `withServerAndAdmin` hands over: the server, and its admin signed in over HTTP. */
export type ServerWithAdmin = {
  server: TestServer;
  admin: ApiClient;
  session: Awaited<ReturnType<typeof signIn>>;
};

/**
 * The one fixture most test files need: before their tests, a real server on a fresh database
 * (see startTestServer) and its admin signed in; after them, the server closed. `use` receives
 * both, to keep in the file's own variables.
 *
 * @example
 * let server: TestServer;
 * let admin: ApiClient;
 * withServerAndAdmin((started) => ({ server, admin } = started));
 */
export function withServerAndAdmin(use: (started: ServerWithAdmin) => void, options?: Parameters<typeof startTestServer>[0]): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    const session = await signIn(server);
    use({ server, admin: session.client, session });
  });
  afterAll(async () => server?.close());
}

/** What `withServerAndKey` hands over: withServerAndAdmin's, and the key's token and id. */
export type ServerWithKey = ServerWithAdmin & { token: string; keyId: string };

/**
 * withServerAndAdmin, and before the tests one key made by `createKeyWith(admin, key)` (in a
 * project of its own, with a group holding `key.permissions`).
 *
 * @example withServerAndKey((started) => ({ server, token } = started), { permissions: ['orders.read'] });
 */
export function withServerAndKey(use: (started: ServerWithKey) => void, key: Parameters<typeof createKeyWith>[1]): void {
  let started: ServerWithAdmin;
  withServerAndAdmin((server) => (started = server));
  beforeAll(async () => {
    const { token, keyId } = await createKeyWith(started.admin, key);
    use({ ...started, token, keyId });
  });
}
