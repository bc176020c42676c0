import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../../packaging/container.ts';
import { exerciseInstalledKeyward } from '../support/installed-keyward.ts';

// `podman run` does not work on these machines (crun stops on "cgroups in hybrid mode not
// supported"), so the image's own files are proven instead: a container is created (not run),
// its root folder mounted, and the image's binary run in it through chroot, as the image's user,
// with the image's environment, on a loopback port. Needs podman and root (chroot): skipped
// without them, except where KEYWARD_CONTAINER_TEST=required (.ci/run, which installs podman).
const hasPodman = (() => {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const runnable = hasPodman && process.getuid?.() === 0;
const required = process.env.KEYWARD_CONTAINER_TEST === 'required';
const podman = (...args: string[]) => execFileSync('podman', args, { encoding: 'utf8' }).trim();

it.runIf(required && !runnable)('the container image can be proven here (KEYWARD_CONTAINER_TEST=required)', () => {
  expect({ podman: hasPodman, root: process.getuid?.() === 0 }).toEqual({ podman: true, root: true });
});

describe.skipIf(!runnable)('the container image (Containerfile, npm run container)', () => {
  let image = '';
  let container = '';
  let rootfs = '';

  beforeAll(async () => {
    image = await buildImage();
    container = podman('create', image);
    rootfs = podman('mount', container);
  }, 600_000);

  afterAll(() => {
    if (container) {
      podman('umount', container);
      podman('rm', container);
    }
  });

  it('holds only the executable, its libraries and /data, and serves from them as its own user: a key verifies, the sign-in page loads, SIGTERM exits 0', { timeout: 180_000 }, async () => {
    expect(readdirSync(rootfs).sort()).toEqual(['data', 'keyward', 'lib', 'lib64', 'tmp']);
    const config = JSON.parse(podman('image', 'inspect', '--format', '{{json .Config}}', image)) as { User: string; Env: string[]; Entrypoint: string[]; Cmd: string[]; WorkingDir: string };
    expect(config).toMatchObject({ User: '65534:65534', Entrypoint: ['/keyward'], Cmd: ['serve'], WorkingDir: '/data' });
    const env = Object.fromEntries(config.Env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
    expect(env).toMatchObject({ HOST: '0.0.0.0', DATABASE_URL: 'file:/data/keyward.db' });

    await exerciseInstalledKeyward({
      command: '/usr/sbin/chroot',
      args: [`--userspec=${config.User}`, rootfs, ...config.Entrypoint],
      cwd: rootfs,
      // On this machine's loopback only, not every address as in a container of its own.
      env: { ...env, HOST: '127.0.0.1' },
      files: { database: join(rootfs, 'data', 'keyward.db'), backup: '/data/keyward-backup.db', backupHere: join(rootfs, 'data', 'keyward-backup.db') },
    });
    // Everything it wrote is the image user's, in /data.
    for (const name of readdirSync(join(rootfs, 'data'))) expect(statSync(join(rootfs, 'data', name)).uid, name).toBe(65534);
  });
});
