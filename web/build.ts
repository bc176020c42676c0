/**
 * Builds the dashboard into web/dist when its sources changed since the last build, so a fresh
 * clone needs no extra command: `prestart` and `pretest` run this, and it costs a few
 * milliseconds when nothing changed. `--force` builds anyway (`npm run build:web`).
 *
 * The build type-checks web/ (its own tsconfig: browser code) and then runs `vite build`, which
 * also writes a brotli and a gzip copy of each text file (precompress.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const webDir = import.meta.dirname;
const rootDir = join(webDir, '..');
const distDir = join(webDir, 'dist');
const stampPath = join(distDir, '.source-hash');
const bin = (name: string) => join(rootDir, 'node_modules', '.bin', name);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A hash of everything the build reads: sources, config and the locked dependency versions. */
function sourceHash(): string {
  const files = [
    ...filesUnder(join(webDir, 'src')),
    ...filesUnder(join(webDir, 'public')),
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.ts'),
    join(webDir, 'precompress.ts'),
    join(webDir, 'tsconfig.json'),
    join(rootDir, 'package-lock.json'),
    // The SDK: its client is bundled (web/src/api), its API types checked.
    ...filesUnder(join(rootDir, 'packages', 'sdk', 'src')).filter((file) => !file.endsWith('.test.ts')),
  ].filter((file) => existsSync(file)).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(rootDir, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: rootDir, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`keyward: the dashboard build failed (${relative(rootDir, command)} ${args.join(' ')})`);
    process.exit(result.status ?? 1);
  }
}

const force = process.argv.includes('--force');
const hash = sourceHash();
if (!force && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) {
  process.exit(0);
}
if (!existsSync(bin('vite'))) {
  // A production install (--omit=dev) has no build tools; serve what was built, if anything.
  console.warn('keyward: the dashboard sources changed but vite is not installed; run "npm install" and "npm run build:web"');
  process.exit(0);
}
console.log('keyward: building the dashboard (web/dist)');
run(bin('tsc'), ['--noEmit', '-p', join(webDir, 'tsconfig.json')]);
run(bin('vite'), ['build', '--config', join(webDir, 'vite.config.ts'), '--logLevel', 'warn']);
writeFileSync(stampPath, hash);
