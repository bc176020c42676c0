import { afterAll, beforeAll } from 'vitest';
import { signIn, type ApiClient } from './api-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

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
