/**
 * `npm run container`: builds Keyward's container image with podman from the Containerfile:
 * the single executable (packaging/sea.ts) and the shared libraries `ldd` lists for it, copied
 * from this machine into dist/container/rootfs/ at the paths the dynamic loader looks for them.
 * The image is tagged keyward:VERSION and keyward:latest; its id is printed.
 *
 * Usage: node packaging/container.ts   (npm run container builds the dashboard first)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import manifest from '../package.json' with { type: 'json' };
import { buildExecutable } from './sea.ts';

const rootDir = join(import.meta.dirname, '..');
const contextDir = join(rootDir, 'dist', 'container');

/** The shared libraries `executable` loads, by the absolute path the loader finds each at. */
export function sharedLibraries(executable: string): string[] {
  const listed = execFileSync('ldd', [executable], { encoding: 'utf8' });
  // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x…)" and "/lib64/ld-linux-x86-64.so.2 (0x…)";
  // linux-vdso is the kernel's, with no file.
  return [...listed.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/g)].map((match) => match[1]!);
}

/** Stages the build context: rootfs/ (the executable, its libraries, /tmp) and an empty data/. */
export function stageContext(executable: string): string {
  rmSync(contextDir, { recursive: true, force: true });
  const rootfs = join(contextDir, 'rootfs');
  mkdirSync(rootfs, { recursive: true });
  copyFileSync(executable, join(rootfs, 'keyward'));
  chmodSync(join(rootfs, 'keyward'), 0o755);
  for (const library of sharedLibraries(executable)) {
    mkdirSync(join(rootfs, dirname(library)), { recursive: true });
    // The file itself, under the name the loader asks for (the host's may be a symlink).
    copyFileSync(realpathSync(library), join(rootfs, library));
  }
  // SQLite may spill large sorts to temporary files.
  mkdirSync(join(rootfs, 'tmp'));
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  mkdirSync(join(contextDir, 'data'));
  return contextDir;
}

const TAG = `keyward:${manifest.version}`;

/** The id of the image tagged `tag`, if there is one. */
function imageId(tag: string): string | undefined {
  try {
    return execFileSync('podman', ['image', 'inspect', '--format', '{{.Id}}', tag], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Builds the image and answers its id. The image it replaces under the same tag is removed
 * (160 MB each; a build on every change would otherwise pile them up), unless a container
 * still uses it.
 */
export async function buildImage(): Promise<string> {
  const context = stageContext(await buildExecutable());
  const previous = imageId(TAG);
  const tags = [TAG, 'keyward:latest'].flatMap((tag) => ['--tag', tag]);
  execFileSync('podman', ['build', '--quiet', ...tags, '--file', join(rootDir, 'Containerfile'), context], { stdio: ['ignore', 'pipe', 'inherit'] });
  const current = imageId(TAG)!;
  if (previous && previous !== current) {
    try {
      execFileSync('podman', ['rmi', previous], { stdio: 'ignore' });
    } catch {
      // In use by a container: it stays until that container is removed.
    }
  }
  return current;
}

if (import.meta.main) console.log(`keyward: image ${await buildImage()} (${TAG}, keyward:latest)`);
