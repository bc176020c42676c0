import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** What withScratchDir hands over: the folder, and `file(name, text)`, which writes a file in it and returns its path. */
export type ScratchDir = { dir: string; file: (name: string, text: string) => string };

/**
 * A temporary folder (named from `prefix`) for the tests of the describe block that calls it,
 * removed after them.
 *
 * @example const { file } = withScratchDir('keyward-config-'); const toml = file('keyward.toml', 'PORT = 9000');
 */
export function withScratchDir(prefix: string): ScratchDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return { dir, file };
}
