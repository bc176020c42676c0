import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tracingRequested } from '../../src/tracing.ts';
import { createKeyWith, signIn } from '../support/api-client.ts';
import { ENTRY, PATH } from '../support/cli.ts';
import { freePort, startKeywardProcess } from '../support/keyward-process.ts';
import { descendsFrom, startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.ts';
import { createPostgresDatabase } from '../support/test-database.ts';
import { ADMIN, TEST_SECRET, type TestServer } from '../support/test-server.ts';

const SERVER = 2;
const SERVICE_NAME = 'keyward-under-test';
const dir = mkdtempSync(join(tmpdir(), 'keyward-tracing-'));
const cleanups: (() => Promise<void>)[] = [];
// Each test starts a server (and stops it to collect its last spans); on a loaded machine that
// took up to 25 s, near Vitest's 30.
const SLOW = { timeout: 120_000 };

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const isDatabaseSpan = (span: ReceivedSpan) => ['sqlite', 'postgresql'].includes(String(span.attributes['db.system.name'] ?? span.attributes['db.system']));
const isRedisSpan = (span: ReceivedSpan) => (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'redis';
const REPORT_OTEL_MODULES = ['--import', join(import.meta.dirname, '..', 'support', 'report-otel-modules.ts')];
const otelModulesIn = (output: string): string[] => JSON.parse(/otel modules loaded: (.*)/.exec(output)?.[1] ?? 'null');
const queryOf = (span: ReceivedSpan) => String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? '');

/**
 * Runs Keyward with tracing on, exporting to a receiver in this process; signs in, creates a
 * key, verifies it (with a caller's traceparent), searches for it by its token, and stops the
 * server (SIGTERM sends the spans still held). Returns what was exported and the secrets used.
 */
async function tracedSession(env: Record<string, string>, nodeArgs: string[] = []) {
  const receiver = await startOtlpReceiver();
  cleanups.push(receiver.close);
  const keyward = await startKeywardProcess({
    KEYWARD_SECRET: TEST_SECRET,
    KEYWARD_ADMIN_USERNAME: ADMIN.username,
    KEYWARD_ADMIN_PASSWORD: ADMIN.password,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_SERVICE_NAME: SERVICE_NAME,
    ...env,
  }, nodeArgs);
  cleanups.push(async () => void (await keyward.stop('SIGKILL')));
  const session = await signIn({ url: keyward.url } as TestServer);
  const { token } = await createKeyWith(session.client);
  const caller = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
  const verified = await fetch(`${keyward.url}/v1/keys/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${caller.traceId}-${caller.spanId}-01` },
    body: JSON.stringify({ key: token }),
  });
  expect(((await verified.json()) as { valid: boolean }).valid).toBe(true);
  // A body the fast path reads but its schema refuses: replayed into Fastify, for its 400.
  const refused = await fetch(`${keyward.url}/v1/keys/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 42 }) });
  expect(refused.status).toBe(400);
  expect((await session.client.get(`/v1/keys?q=${encodeURIComponent(token)}`)).status).toBe(200);
  expect(await keyward.stop()).toBe(0);
  const secrets = { token, password: ADMIN.password, session: session.cookie.split('=').slice(1).join('='), csrfToken: session.csrfToken };
  return { spans: receiver.spans(), payload: receiver.bodies.join('\n'), caller, secrets, output: keyward.output() };
}

function expectRequestAndStoreSpans(traced: Awaited<ReturnType<typeof tracedSession>>) {
  const { spans, caller } = traced;
  expect(spans.every((span) => span.service === SERVICE_NAME)).toBe(true);

  // The fast path's own span, in the caller's trace, with the key's look-up under it.
  const verify = spans.find((span) => span.name === 'POST /v1/keys/verify' && span.traceId === caller.traceId);
  expect(verify, spans.map((span) => span.name).join(', ')).toBeDefined();
  expect(verify).toMatchObject({ kind: SERVER, traceId: caller.traceId, parentSpanId: caller.spanId });
  expect(verify!.attributes).toMatchObject({ 'http.route': '/v1/keys/verify', 'http.response.status_code': 200 });
  expect(spans.some((span) => isDatabaseSpan(span) && descendsFrom(spans, span, verify!))).toBe(true);

  // Fastify's span for the key creation, with the INSERT among the statements under it.
  const create = spans.find((span) => span.name === 'POST /v1/keys');
  expect(create).toMatchObject({ kind: SERVER });
  expect(create!.attributes).toMatchObject({ 'http.route': '/v1/keys', 'http.response.status_code': 201 });
  const inserts = spans.filter((span) => isDatabaseSpan(span) && /insert into "keys"/i.test(queryOf(span)));
  expect(inserts.length).toBeGreaterThan(0);
  expect(inserts.some((span) => descendsFrom(spans, span, create!))).toBe(true);
}

function expectNoSecret(traced: Awaited<ReturnType<typeof tracedSession>>) {
  for (const [name, secret] of Object.entries(traced.secrets)) {
    expect(secret.length, name).toBeGreaterThan(8);
    expect(traced.payload.includes(secret), `${name} in the exported spans`).toBe(false);
  }
  // The search's query value is masked; the path is kept.
  const search = traced.spans.find((span) => span.name === 'GET /v1/keys');
  expect(search?.attributes['url.path']).toBe('/v1/keys');
}

describe('tracing over OTLP/HTTP', SLOW, () => {
  it('on SQLite: the verification and the key creation with its statements, and no secret', async () => {
    const traced = await tracedSession({ DATABASE_URL: `file:${join(dir, 'sqlite.db')}` }, REPORT_OTEL_MODULES);
    expectRequestAndStoreSpans(traced);
    // What the same report shows with tracing off (below) is not for want of seeing modules.
    expect(otelModulesIn(traced.output).some((url) => url.includes('/@opentelemetry/sdk-trace/'))).toBe(true);
    const insert = traced.spans.find((span) => span.attributes['db.system.name'] === 'sqlite' && /^insert/i.test(queryOf(span)))!;
    // The refused body's replay into Fastify is a child of the fast path's span.
    const fastPath = traced.spans.filter((span) => span.name === 'POST /v1/keys/verify' && span.scope === 'keyward' && span.attributes['http.response.status_code'] === 400);
    const replayed = traced.spans.find((span) => span.name === 'POST /v1/keys/verify' && span.scope === '@fastify/otel');
    expect(fastPath).toHaveLength(1);
    expect(descendsFrom(traced.spans, replayed!, fastPath[0]!)).toBe(true);
    // The SQL text with its placeholders, never the values bound to them.
    expect(queryOf(insert)).toContain('?');
    expectNoSecret(traced);
  });

  it('on PostgreSQL (the pg instrumentation), and no secret', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const traced = await tracedSession({ DATABASE_URL: database.url });
    expectRequestAndStoreSpans(traced);
    expect(traced.spans.some((span) => span.attributes['db.system.name'] === 'sqlite')).toBe(false);
    expectNoSecret(traced);
  });

  it('with Redis (the ioredis instrumentation): its commands in the requests, by name alone', async () => {
    const traced = await tracedSession({
      DATABASE_URL: `file:${join(dir, 'redis.db')}`,
      REDIS_URL: 'redis://127.0.0.1:6379',
      KEYWARD_REDIS_PREFIX: `keyward-tracing-${randomBytes(4).toString('hex')}:`,
    });
    expectRequestAndStoreSpans(traced);
    const redis = traced.spans.filter(isRedisSpan);
    expect(redis.length).toBeGreaterThan(0);
    const requests = traced.spans.filter((span) => span.kind === SERVER);
    expect(redis.every((span) => requests.some((request) => descendsFrom(traced.spans, span, request)))).toBe(true);
    // Command names only: the arguments hold counters' keys and values.
    for (const span of redis) expect(queryOf(span)).toMatch(/^[a-z]+$/i);
    expectNoSecret(traced);
  });
});

describe('keyward serve', SLOW, () => {
  it('traces as npm start does (the command the executable and the npm package run)', async () => {
    const receiver = await startOtlpReceiver();
    cleanups.push(receiver.close);
    const port = await freePort();
    const child = spawn(process.execPath, ['--conditions=@keyward/source', ENTRY, 'serve', '--port', String(port)], {
      env: { PATH, DATABASE_URL: `file:${join(dir, 'serve.db')}`, KEYWARD_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    cleanups.push(async () => void child.kill('SIGKILL'));
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`keyward serve exited: ${output}`);
      if (await fetch(`${url}/healthz`).then((it) => it.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const made = await fetch(`${url}/v1/keys/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: `tk_${'a'.repeat(40)}` }) });
    expect(made.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    const spans = receiver.spans();
    const verify = spans.find((span) => span.name === 'POST /v1/keys/verify');
    expect(verify).toMatchObject({ kind: SERVER, service: 'keyward' });
  });
});

describe('tracing off', SLOW, () => {
  it('is asked for by an OTLP endpoint, unless OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });

  it('loads nothing of OpenTelemetry but the API prom-client always loaded, through a key creation and a verification', async () => {
    const keyward = await startKeywardProcess(
      { DATABASE_URL: `file:${join(dir, 'off.db')}`, KEYWARD_SECRET: TEST_SECRET, KEYWARD_ADMIN_USERNAME: ADMIN.username, KEYWARD_ADMIN_PASSWORD: ADMIN.password },
      REPORT_OTEL_MODULES,
    );
    cleanups.push(async () => void (await keyward.stop('SIGKILL')));
    const session = await signIn({ url: keyward.url } as TestServer);
    const { token } = await createKeyWith(session.client);
    const verified = await fetch(`${keyward.url}/v1/keys/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: token }) });
    expect(verified.status).toBe(200);
    expect(await keyward.stop()).toBe(0);
    // prom-client (the /metrics endpoint) has always loaded OpenTelemetry's API for exemplars: a
    // facade of no-ops without an SDK. Nothing else: no SDK, exporter or instrumentation.
    const loaded = otelModulesIn(keyward.output());
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((url) => !url.includes('/node_modules/@opentelemetry/api/'))).toEqual([]);
  });

  it('refuses an OTLP protocol it does not send (gRPC), naming the variable', async () => {
    await expect(
      startKeywardProcess({
        DATABASE_URL: `file:${join(dir, 'grpc.db')}`,
        KEYWARD_SECRET: TEST_SECRET,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).rejects.toThrow(/exited with 78.*OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/s);
  });
});
