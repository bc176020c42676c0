/**
 * Bundles the `keyward` command (src/cli/keyward.ts: the server and the CLI) into one ES module,
 * with rolldown (Vite's bundler). TypeScript is stripped, @keyward/sdk is taken from its sources,
 * and the commands loaded on demand (`await import`) are inlined, so the module stands alone.
 *
 * Two targets:
 * - `npm`: dist/keyward.mjs, the npm package's bin. The package's `dependencies` stay outside the
 *   bundle (npm installs them); only Keyward's own code and the SDK are in it.
 * - `sea`: everything, dependencies too, for the single executable (packaging/sea.ts), which can
 *   load nothing but Node's built-in modules. pg-native, pg's optional C binding that Keyward
 *   never asks for, is the one module left out.
 *
 * Usage: node packaging/bundle.ts [npm|sea]  (npm by default)
 */
import { join } from 'node:path';
import { rolldown, type Plugin } from 'rolldown';
import manifest from '../package.json' with { type: 'json' };

export type BundleTarget = 'npm' | 'sea';

const rootDir = join(import.meta.dirname, '..');

/** The bundle each target writes. */
export const BUNDLE_FILE: Record<BundleTarget, string> = {
  npm: join(rootDir, 'dist', 'keyward.mjs'),
  sea: join(rootDir, 'dist', 'sea', 'keyward.mjs'),
};

const PACKAGE_DEPENDENCIES = Object.keys(manifest.dependencies);

/** Whether `id` is one of the npm package's dependencies (or a path inside one). */
const isPackageDependency = (id: string) => PACKAGE_DEPENDENCIES.some((name) => id === name || id.startsWith(`${name}/`));

/** In the executable, swagger-ui's folder of static files is served from memory instead. */
const swaggerUiStaticFromMemory: Plugin = {
  name: 'keyward:swagger-ui-static-from-memory',
  resolveId(source, importer) {
    if (source === '@fastify/static' && importer?.includes('/node_modules/@fastify/swagger-ui/')) {
      return join(rootDir, 'packaging', 'swagger-ui-static.ts');
    }
    return null;
  },
};

/**
 * The entry's own hashbang asks for the SDK's TypeScript sources (--conditions), which the
 * bundle holds already: the npm package's bin runs with the `node` on PATH, and the executable
 * needs none.
 */
function hashbang(line: string | undefined): Plugin {
  return {
    name: 'keyward:hashbang',
    renderChunk: (code) => ({ code: code.replace(/^#!.*\n/, line === undefined ? '' : `${line}\n`), map: null }),
  };
}

/** Writes the bundle for `target` and answers its path. */
export async function bundle(target: BundleTarget): Promise<string> {
  const build = await rolldown({
    input: join(rootDir, 'src', 'cli', 'keyward.ts'),
    platform: 'node',
    // The SDK from its TypeScript sources, as a checkout runs it (the @keyward/source condition).
    resolve: { alias: { '@keyward/sdk': join(rootDir, 'packages', 'sdk', 'src', 'index.ts') } },
    external: (id) => id.startsWith('node:') || id === 'pg-native' || (target === 'npm' && isPackageDependency(id)),
    plugins: target === 'sea' ? [swaggerUiStaticFromMemory, hashbang(undefined)] : [hashbang('#!/usr/bin/env node')],
    // CommonJS dependencies name their own folder; in an ES module that is import.meta's.
    transform: { define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' } },
    logLevel: 'warn',
  });
  try {
    await build.write({
      file: BUNDLE_FILE[target],
      format: 'esm',
      codeSplitting: false,
    });
  } finally {
    await build.close();
  }
  return BUNDLE_FILE[target];
}

if (import.meta.main) {
  const target = (process.argv[2] ?? 'npm') as BundleTarget;
  if (!(target in BUNDLE_FILE)) {
    console.error('usage: node packaging/bundle.ts [npm|sea]');
    process.exit(2);
  }
  console.log(`keyward: bundled ${await bundle(target)}`);
}
