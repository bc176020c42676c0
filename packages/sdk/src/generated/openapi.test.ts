import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.ts';
import { renderOpenApiTypes } from '../../scripts/render-types.ts';

describe('the SDK types generated from the served OpenAPI document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('match what GET /openapi.json serves today (else run: npm run generate -w @keyward/sdk)', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as object;
    const committed = readFileSync(new URL('./openapi.ts', import.meta.url), 'utf8');
    // Comparing text, not a hash, so a failure shows which route or field drifted.
    expect(committed).toBe(await renderOpenApiTypes(document));
  });
});
