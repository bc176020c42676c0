import { Worker } from 'node:worker_threads';

const INTERVAL_MS = 500;

// The worker's code is plain JavaScript given inline: a .ts worker would load Node's
// TypeScript stripper a second time (about 18 MB of memory for ten lines).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try { checkpoint.get(); } catch { /* busy: the next tick tries again; the backstop holds */ }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  process.exit(0);
});
`;

/**
 * Moves the WAL into the database file from a worker thread with its own connection.
 *
 * `node:sqlite` runs on the calling thread, and SQLite's automatic checkpoint (with its fsync)
 * runs inside whichever commit crosses the threshold: a request would wait for the disk. A
 * PASSIVE checkpoint here never blocks the writer; the main connection keeps a high
 * auto-checkpoint threshold only as a backstop, should this worker fall behind.
 */
export function startCheckpointer(path: string): { stop: () => Promise<void> } {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs: INTERVAL_MS } });
  worker.unref();
  return {
    stop: async () => {
      // Unref'd so it never keeps a server alive; ref'd again while stopping, or a short-lived
      // process (the CLI's migrate) would see its event loop empty and exit before `exit` fires.
      worker.ref();
      worker.postMessage('stop');
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        setTimeout(() => void worker.terminate().then(() => resolve()), 2000).unref();
      });
    },
  };
}
