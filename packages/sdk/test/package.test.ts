import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  files: string[];
};

describe('@keyward/sdk as published', () => {
  let outDir: string;
  beforeAll(() => {
    // Inside the package, so the built files find openapi-fetch the way an install would.
    outDir = mkdtempSync(join(packageDir, '.build-test-'));
    const tsc = join(packageDir, 'node_modules', '.bin', 'tsc');
    execFileSync(existsSync(tsc) ? tsc : 'tsc', ['-p', join(packageDir, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds JavaScript and declarations for every export', () => {
    const entries = Object.entries(manifest.exports).filter(([subpath]) => subpath !== './package.json');
    expect(entries.map(([subpath]) => subpath)).toEqual(['.', './express', './fastify', './hono']);
    for (const [, targets] of entries) {
      const { types, default: code } = targets as Record<string, string>;
      for (const target of [types!, code!]) {
        expect(target.startsWith('./dist/'), target).toBe(true);
        expect(existsSync(join(outDir, target.slice('./dist/'.length))), target).toBe(true);
      }
    }
    expect(manifest.files).toContain('dist');
  });

  it('loads in plain JavaScript, without TypeScript support in the runtime', () => {
    const script = `
      const names = {};
      for (const entry of ['index', 'express', 'fastify', 'hono']) {
        names[entry] = Object.keys(await import(${JSON.stringify(outDir)} + '/' + entry + '.js')).sort();
      }
      console.log(JSON.stringify(names));`;
    const output = execFileSync(process.execPath, ['--no-experimental-strip-types', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      index: ['KeywardConnectionError', 'KeywardError', 'VerifyCache', 'createKeywardClient', 'createRequestGuard', 'credentialOf', 'retryingFetch'],
      express: ['keywardAuth'],
      fastify: ['keywardAuth'],
      hono: ['keywardAuth'],
    });
  });
});
