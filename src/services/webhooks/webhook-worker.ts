import { performance } from 'node:perf_hooks';
import type { ServiceContext, ServiceLog } from '../context.ts';
import { scanExpiries } from './expiry-scanner.ts';
import { dispatchDue, type AttemptReport } from './webhook-dispatcher.ts';

export type WebhookWorkerOptions = {
  /** How often due deliveries are looked for, in ms of real time; 0: only when asked (`runOnce`). */
  pollMs: number;
  /** How often keys are scanned for expiry notices, in ms of real time. */
  scanMs: number;
  /** The longest a receiver may take to answer (10 s). */
  timeoutMs?: number;
  log: ServiceLog;
};

// Finished deliveries are kept this long in the delivery log.
const RETENTION_MS = 30 * 24 * 3600 * 1000;
const BATCH = 50;
const MAX_ROUNDS = 20;

/**
 * Runs expiry scans and webhook deliveries in the background of one node: a scan at start and
 * every `scanMs`, a look for due deliveries every `pollMs`. Work never overlaps on a node (each
 * run waits for the one before), and nodes share the work through the deliveries' leases and
 * the notices' unique rows. `close()` stops the timers and abandons sends in flight; their
 * leases run out and another node, or the next start, sends them again.
 */
export class WebhookWorker {
  readonly #ctx: ServiceContext;
  readonly #options: WebhookWorkerOptions;
  readonly #stopping = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #lastScan = -Infinity;
  #failing = false;

  constructor(ctx: ServiceContext, options: WebhookWorkerOptions) {
    this.#ctx = ctx;
    this.#options = options;
  }

  /** Starts the timers (none when `pollMs` is 0); the first run is at once. */
  start(): void {
    if (this.#options.pollMs > 0) this.#schedule(0);
  }

  /**
   * Scans for expiry notices and sends everything due now, then resolves once every attempt is
   * recorded (after any run already under way). Errors reach the caller. Tests call this after
   * moving the clock instead of waiting for the timers.
   */
  runOnce(): Promise<void> {
    return this.#serialised(() => this.#work(true));
  }

  /** Looks for due deliveries soon (after a change that queued some); errors are logged. */
  nudge(): void {
    this.#serialised(() => this.#work(false)).catch((error: unknown) => this.#failed(error));
  }

  /** Stops the timers, aborts sends in flight and waits for the current run to wind up. */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#stopping.abort();
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopping.signal.aborted) return;
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
    // The timers never keep a process alive on their own.
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const scan = performance.now() - this.#lastScan >= this.#options.scanMs;
    try {
      await this.#serialised(() => this.#work(scan));
      if (this.#failing) this.#options.log.info({}, 'webhook deliveries and expiry scans work again');
      this.#failing = false;
    } catch (error) {
      this.#failed(error);
    }
    this.#schedule(this.#options.pollMs);
  }

  #failed(error: unknown): void {
    // Once per outage (the database is down, say), not once a second.
    if (!this.#failing) this.#options.log.warn({ err: error }, 'webhook deliveries or expiry scan failed; retrying');
    this.#failing = true;
  }

  #serialised(work: () => Promise<void>): Promise<void> {
    const run = this.#running.then(work);
    this.#running = run.catch(() => undefined);
    return run;
  }

  async #work(scan: boolean): Promise<void> {
    const signal = this.#stopping.signal;
    if (signal.aborted) return;
    if (scan) {
      this.#lastScan = performance.now();
      const noticed = await scanExpiries(this.#ctx);
      if (noticed > 0) this.#options.log.info({ noticed }, 'expiry notices queued');
      const before = new Date(this.#ctx.clock() - RETENTION_MS).toISOString();
      await this.#ctx.write((tx) => tx.deliveries.prune(before));
    }
    const options = { batch: BATCH, concurrency: 10, timeoutMs: this.#options.timeoutMs ?? 10_000, leaseMs: 60_000, signal, onAttempt: (report: AttemptReport) => this.#report(report) };
    for (let round = 0; round < MAX_ROUNDS && !signal.aborted; round++) {
      if ((await dispatchDue(this.#ctx, options)) < BATCH) break;
    }
  }

  #report(report: AttemptReport): void {
    if (report.status === 'delivered') return;
    const message = report.status === 'failed' ? 'webhook delivery failed for good after its last attempt' : 'webhook delivery failed; it will be retried';
    this.#options.log[report.status === 'failed' ? 'warn' : 'info'](report, message);
  }
}
