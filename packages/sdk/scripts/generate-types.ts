// Regenerates src/generated/openapi.ts from the document the app serves, without a network:
// it builds the app on a throwaway SQLite file and asks it for its OpenAPI document.
// Run: npm run generate -w @keyward/sdk (or node packages/sdk/scripts/generate-types.ts).
//
// This script is a repository tool, not part of the published package, which is why it may
// reach into the server's source; the SDK itself only speaks HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { renderOpenApiTypes } from './render-types.ts';

const target = new URL('../src/generated/openapi.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'keyward-openapi-'));
try {
  // A fixed throwaway secret: the document does not depend on it, and no key is ever made.
  const secret = 'openapi-generation-only-secret-0123456789abcdef';
  const app = await buildApp({
    config: loadConfig({ DATABASE_URL: `file:${join(dir, 'keyward.db')}`, LOG_LEVEL: 'silent', KEYWARD_SECRET: secret }),
    secret: Buffer.from(secret),
  });
  await app.ready();
  const source = await renderOpenApiTypes(app.swagger());
  await app.close();
  writeFileSync(target, source);
  console.log(`wrote ${target.pathname}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
