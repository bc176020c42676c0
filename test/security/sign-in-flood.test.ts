import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, PASSWORD_CHECKS } from '../../src/services/password-attempts.ts';
import { requestFrom, type AddressedResponse } from '../support/from-address.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server.ts';

// Distinct loopback sources: the server sees three clients, no proxy header involved.
const ATTACKER = '127.0.0.2';
const REAL_USER = '127.0.0.3';
// Checks long enough (about 35 ms each here) that concurrent attempts overlap, as they do at the
// production cost; at the test cost of 1024 each would end before the next one arrived.
const OVERLAPPING_COST = 2 ** 14;

const login = (server: TestServer, from: string, body: { username: string; password: string }) =>
  requestFrom(server.url, from, 'POST', '/v1/auth/login', body);

/** The value of one sample of a Prometheus text exposition. */
async function metric(server: TestServer, sample: string): Promise<number | undefined> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

function expectRateLimited(response: AddressedResponse): void {
  expect(response.status, response.text).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.code).toBe('RATE_LIMITED');
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${response.headers['retry-after']}`).toBe(true);
}

const counters = [
  ['in memory', () => ({})],
  // Shared counters: atomic increments in Redis, under a prefix of this run's own.
  ['in Redis', () => ({ REDIS_URL: 'redis://127.0.0.1:6379', KEYWARD_REDIS_PREFIX: `keyward-sign-in-${randomBytes(4).toString('hex')}:` })],
] as const;

describe.each(counters)('concurrent password attempts, counted %s', (_, env) => {
  let server: TestServer;
  afterEach(async () => server.close());

  it(`30 wrong passwords for one username sent at once: exactly ${LOGIN_LIMITS.perUser} are checked (401), the other 25 are 429 with Retry-After`, async () => {
    server = await startTestServer({ env: env(), passwordCost: OVERLAPPING_COST });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(server, ATTACKER, { username: ADMIN.username, password: `wrong-password-${i}` })),
    );
    const checked = answers.filter((answer) => answer.status === 401);
    const refused = answers.filter((answer) => answer.status !== 401);
    expect(checked).toHaveLength(LOGIN_LIMITS.perUser);
    for (const answer of checked) expect(answer.body.code).toBe('UNAUTHENTICATED');
    expect(refused).toHaveLength(30 - LOGIN_LIMITS.perUser);
    for (const answer of refused) expectRateLimited(answer);
    // The allowance is spent: the right password is refused too, from any address.
    expectRateLimited(await login(server, REAL_USER, ADMIN));
  });

  it('100 wrong passwords from one address sent at once: at most the address allowance is checked, and a real user at another address signs in meanwhile', async () => {
    server = await startTestServer({ env: env(), passwordCost: OVERLAPPING_COST });
    const flood = Array.from({ length: 100 }, (_, i) => login(server, ATTACKER, { username: `sprayed-${i}`, password: 'Password123!' }));
    const real = await login(server, REAL_USER, ADMIN);
    const answers = await Promise.all(flood);

    expect(real.status, real.text).toBe(200);
    expect(real.body.user.username).toBe(ADMIN.username);
    const checked = answers.filter((answer) => answer.status === 401);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(LOGIN_LIMITS.perAddress);
    for (const answer of answers.filter((candidate) => candidate.status !== 401)) expectRateLimited(answer);

    // Structure, not speed: the checks never ran wider than the gate allows.
    const peak = await metric(server, 'keyward_password_checks_in_flight_peak{scope="all"}');
    const peakPerClient = await metric(server, 'keyward_password_checks_in_flight_peak{scope="client"}');
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(PASSWORD_CHECKS.total);
    expect(peakPerClient).toBeGreaterThanOrEqual(1);
    expect(peakPerClient).toBeLessThanOrEqual(PASSWORD_CHECKS.perClient);
    expect(await metric(server, 'keyward_password_checks_in_flight')).toBe(0);
    // Attempts the gate turned away are counted among the 429s (their charges were refunded).
    expect(await metric(server, 'keyward_password_checks_refused_total')).toBeLessThanOrEqual(answers.length - checked.length);
  });
});
