/**
 * `npm run package`: builds dist/keyward, a single executable (Node's --build-sea) holding the
 * Node runtime, the bundled server and CLI (packaging/bundle.ts) and, as SEA assets served from
 * memory, the built dashboard (`dashboard/…`) and swagger-ui's files for /docs (`swagger-ui/…`).
 * It runs where Node itself runs (Linux x64 here), with no node_modules beside it.
 *
 * The SEA configuration is written to dist/sea/sea-config.json (its asset list is the build's
 * files, which change with every dashboard build). A build whose inputs have not changed since
 * the last one is kept (dist/sea/.source-hash); --force builds anyway.
 *
 * Usage: node packaging/sea.ts [--force]   (npm run package builds the dashboard first)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { BUNDLE_FILE, bundle } from './bundle.ts';

const rootDir = join(import.meta.dirname, '..');
const seaDir = join(rootDir, 'dist', 'sea');
const stampPath = join(seaDir, '.source-hash');
const configPath = join(seaDir, 'sea-config.json');
const lockPath = join(rootDir, 'dist', '.sea-build.lock');
// A lock older than any build is one a killed build left behind.
const STALE_LOCK_MS = 15 * 60_000;
/** The executable `npm run package` writes. */
export const EXECUTABLE = join(rootDir, 'dist', 'keyward');

const dashboardDir = join(rootDir, 'web', 'dist');
const swaggerUiDir = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The packed files by asset key: the build's files without its stamp or source maps. */
function assets(): Record<string, string> {
  const entries: [string, string][] = [];
  for (const file of filesUnder(dashboardDir)) {
    const path = relative(dashboardDir, file);
    if (!path.startsWith('.') && !path.endsWith('.map')) entries.push([`dashboard/${path}`, file]);
  }
  for (const file of filesUnder(swaggerUiDir)) entries.push([`swagger-ui/${relative(swaggerUiDir, file)}`, file]);
  return Object.fromEntries(entries);
}

/** A hash of everything the executable is made from, to skip a build that would change nothing. */
function sourceHash(packed: Record<string, string>): string {
  const files = [
    ...filesUnder(join(rootDir, 'src')),
    ...filesUnder(join(rootDir, 'packages', 'sdk', 'src')),
    ...filesUnder(join(rootDir, 'packaging')),
    join(rootDir, 'package.json'),
    join(rootDir, 'package-lock.json'),
    ...Object.values(packed),
  ].filter((file) => !file.endsWith('.test.ts'));
  const hash = createHash('sha256').update(process.version).update('\0');
  for (const file of files) hash.update(relative(rootDir, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * Runs `build` while holding dist/.sea-build.lock, so that two builds at once (two test files
 * that each need the executable) take turns: the second then finds it up to date.
 */
async function whileLocked<T>(build: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockPath), { recursive: true });
  let lock: number | undefined;
  while (lock === undefined) {
    try {
      lock = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lockPath, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await build();
  } finally {
    closeSync(lock);
    rmSync(lockPath, { force: true });
  }
}

/** Builds dist/keyward unless it is up to date; answers its path. */
export async function buildExecutable(options: { force?: boolean } = {}): Promise<string> {
  return whileLocked(() => buildUnlocked(options));
}

async function buildUnlocked(options: { force?: boolean }): Promise<string> {
  if (!existsSync(join(dashboardDir, 'index.html'))) throw new Error('the dashboard is not built: run "node web/build.ts" first');
  const packed = assets();
  const hash = sourceHash(packed);
  if (!options.force && existsSync(EXECUTABLE) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) return EXECUTABLE;
  mkdirSync(seaDir, { recursive: true });
  rmSync(stampPath, { force: true });
  await bundle('sea');
  const config = {
    main: BUNDLE_FILE.sea,
    mainFormat: 'module',
    output: EXECUTABLE,
    disableExperimentalSEAWarning: true,
    // V8's compiled code for the bundle, made at build time: compiling 5 MB of JavaScript at
    // every start was most of a command's time (keyward --version: 1.6 s to 0.65 s here).
    useCodeCache: true,
    assets: packed,
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  // The executable is this Node (26, from the `node` package) with the bundle injected.
  const result = spawnSync(process.execPath, ['--build-sea', configPath], { cwd: rootDir, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`node --build-sea failed (exit ${result.status})`);
  writeFileSync(stampPath, hash);
  return EXECUTABLE;
}

if (import.meta.main) {
  const started = Date.now();
  const executable = await buildExecutable({ force: process.argv.includes('--force') });
  console.log(`keyward: ${relative(rootDir, executable)} is ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
