import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { managementKey, uniqueName } from '../../../test/support/people.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const MINUTE = 60_000;
const LIMIT = 10;

/**
 * A limit of 10 per minute, asked for 10 calls at the end of one fixed minute and 10 more just
 * after its edge. A fixed window (counting per clock minute, or per minute from its first call)
 * would admit all 20 within two seconds; a sliding window admits no more than 10 in any minute.
 * The server's clock is moved, never waited on; the margins (seconds) dwarf the time the calls
 * themselves take.
 */
describe('POST /v1/keys/verify: windows slide, with no burst at a window\'s edge', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let projectId: string;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    anonymous = apiClient(server.url);
    // A management key: moving the clock must not end the admin's session.
    admin = (await managementKey(server, admin, ['*'])).client;
    projectId = (await admin.post('/v1/projects', { name: 'Sliding', keyPrefix: 'sl' })).body.id;
  });

  const codes = async (tokens: string[], count: number) => {
    const answers = [];
    for (let i = 0; i < count; i++) answers.push((await anonymous.post('/v1/keys/verify', { key: tokens[i % tokens.length] })).body.code);
    return answers;
  };

  /** Moves the server's clock to `offset` ms after the start of the next clock minute. */
  const moveTo = (offset: number) => {
    const now = server.now();
    server.advance(MINUTE - (now % MINUTE) + offset);
  };

  const limited = async (): Promise<[string, string[]][]> => {
    const customer = (await admin.post('/v1/identities', { externalId: uniqueName('sliding'), ratelimits: [{ name: 'requests', limit: LIMIT, durationMs: MINUTE }] })).body;
    const shared = await Promise.all([0, 1].map(async () => (await admin.post('/v1/keys', { projectId, identityId: customer.id })).body.token as string));
    const single = (await admin.post('/v1/keys', { projectId, ratelimit: { limit: LIMIT, windowMs: MINUTE } })).body.token as string;
    return [['the key\'s single ratelimit', [single]], ['an identity\'s limit, over two of its keys', shared]];
  };

  it('refuses the second burst of a limit asked for on both sides of a minute\'s edge', async () => {
    for (const [what, tokens] of await limited()) {
      // One call at the start of a clock minute: a window anchored at its first call starts with it.
      moveTo(100);
      expect(await codes(tokens, 1), what).toEqual(['VALID']);
      // The rest of the limit at the end of that minute.
      server.advance(MINUTE - 5_000);
      expect(await codes(tokens, LIMIT - 1), what).toEqual(Array(LIMIT - 1).fill('VALID'));
      // Just after the edge, a fixed window has all of its limit again; nine calls of the last
      // minute are still in this one, so one more may pass.
      server.advance(10_000);
      const after = await codes(tokens, LIMIT);
      expect(after.filter((code) => code === 'VALID'), what).toHaveLength(1);
      expect(after.filter((code) => code === 'RATE_LIMITED'), what).toHaveLength(LIMIT - 1);
      // A minute (and a slot) after the last admitted call, all the room is back.
      server.advance(MINUTE + 2_000);
      expect(await codes(tokens, LIMIT), what).toEqual(Array(LIMIT).fill('VALID'));
    }
  });
});
