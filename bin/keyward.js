#!/usr/bin/env node
// The `keyward` command (package.json "bin"). The npm package holds the bundle that `npm pack`
// builds (dist/keyward.mjs, packaging/bundle.ts) and no sources; a checkout runs its sources,
// with @keyward/sdk's TypeScript sources too (the "@keyward/source" condition, which
// `npm run keyward` gives with --conditions), so it never runs a stale bundle.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';

const sources = new URL('../src/cli/keyward.ts', import.meta.url);
if (existsSync(sources)) {
  registerHooks({ resolve: (specifier, context, next) => next(specifier, { ...context, conditions: [...context.conditions, '@keyward/source'] }) });
  await import(sources.href);
} else {
  await import(new URL('../dist/keyward.mjs', import.meta.url).href);
}
