import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDashboard, type DashboardOptions } from './dashboard.ts';
import { installProblemHandler } from './problem-handler.ts';
import { installSecurityHeaders } from './security-headers.ts';

const INDEX = '<!doctype html><title>Keyward</title><script type="module" src="/assets/app-1a2b.js"></script>';
// Big enough that the build writes compressed copies of it (web/precompress.ts does).
const SCRIPT = `console.log(${JSON.stringify('keyward '.repeat(400))});`;

async function appServing(source: DashboardOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installProblemHandler(app);
  installSecurityHeaders(app, {});
  app.get('/v1/things', async () => ({ items: [] }));
  await installDashboard(app, source);
  await app.ready();
  return app;
}

/** The folder's files in memory, as the single executable holds them (embedded-files.ts). */
function inMemory(root: string): DashboardOptions {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(root.length + 1), readFileSync(join(entry.parentPath, entry.name)));
  }
  return { files };
}

// The same behaviour whether the build is read from web/dist (npm start, the npm package) or
// from memory (the single executable).
describe.each([
  { from: 'a folder', source: (root: string): DashboardOptions => ({ root }) },
  { from: 'memory', source: inMemory },
])('dashboard plugin, serving the build from $from', ({ source }) => {
  const root = mkdtempSync(join(tmpdir(), 'keyward-dist-'));
  let app: FastifyInstance;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'app-1a2b.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(root, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(root, 'assets', 'app-1a2b.js.map'), '{"sources":["secret.ts"]}');
    writeFileSync(join(root, '.source-hash'), 'abc');
    app = await appServing(source(root));
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('serves the app at / with a CSP that allows only its own scripts, revalidated on every visit', async () => {
    const response = await app.inject({ url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('answers deep links a browser opens (filters in the query string) with the app', async () => {
    const response = await app.inject({ url: '/settings/api-keys?status=inactive&owner=bob', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
  });

  it('serves built assets as immutable, and never its build stamp', async () => {
    const asset = await app.inject({ url: '/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/.source-hash', headers: html })).body).toBe(INDEX);
  });

  it('sends the precompressed copy the browser accepts, with Content-Encoding and Vary', async () => {
    const brotli = await app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toContain('javascript');
    expect(String(brotli.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(SCRIPT);
    expect(brotli.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

    const gzip = await app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);

    const plain = await app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(plain.body).toBe(SCRIPT);
  });

  it('answers a revalidation of an unchanged file with 304', async () => {
    const first = await app.inject({ url: '/index.html' });
    expect(first.headers.etag).toBeTruthy();
    const again = await app.inject({ url: '/index.html', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 for source maps and for the compressed copies by their own names, whatever the request accepts', async () => {
    for (const url of ['/assets/app-1a2b.js.map', '/assets/app-1a2b.js.br', '/assets/app-1a2b.js.gz', '/assets/missing.js', '/anything.map']) {
      for (const headers of [html, { accept: '*/*' }]) {
        const response = await app.inject({ url, headers });
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
  });

  it('keeps problem+json 404s for API paths and for anything that is not a page request', async () => {
    for (const request of [
      { url: '/v1/nothing-here', headers: html },
      { url: '/v1', headers: html },
      { url: '/settings/api-keys', headers: { accept: 'application/json' } },
      { url: '/favicon.ico', headers: { accept: 'image/*' } },
    ]) {
      const response = await app.inject(request);
      expect(response.statusCode, request.url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: `No route GET ${request.url}.` });
    }
    const post = await app.inject({ method: 'POST', url: '/settings/api-keys', headers: html });
    expect(post.statusCode).toBe(404);
    expect((await app.inject({ url: '/v1/things' })).json()).toEqual({ items: [] });
  });

  it('says the dashboard is not built when web/dist is missing, instead of failing to start', async () => {
    const bare = await appServing({ root: join(root, 'missing') });
    const response = await bare.inject({ url: '/', headers: html });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'DASHBOARD_NOT_BUILT' });
    await bare.close();
  });
});
