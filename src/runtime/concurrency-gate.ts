/** What one gate allows: slots that run, and a short, bounded line for the rest. */
export type ConcurrencyGateOptions = {
  /** Tasks running at once, all clients together. */
  total: number;
  /** Tasks running at once for one client (below `total`, so one client never holds every slot). */
  perClient: number;
  /** Callers of one client waiting in line; one more is refused at once. */
  waitingPerClient: number;
  /** Callers waiting in line, all clients together; one more is refused at once. */
  waitingTotal: number;
  /** How long a caller waits in line before it is refused. */
  waitMs: number;
};

/** Whether `run` ran the task (and what it returned), or refused it: the gate was full. */
export type GateOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * `low`: the task runs only while nothing else runs and no `normal` caller waits, so it uses
 * idle capacity only (for callers under suspicion, such as an address that has just failed).
 */
export type GatePriority = 'normal' | 'low';

type Waiter = { client: string; priority: GatePriority; start: () => void; timer: ReturnType<typeof setTimeout> };

/**
 * Admission to work too costly to let pile up (password hashing: each scrypt takes a CPU core
 * and 128 MiB for a third of a second). At most `total` tasks run at once and at most
 * `perClient` of them for one client; a caller that finds no slot waits in line (first come,
 * first served) for at most `waitMs`, and is refused at once when its client already has
 * `waitingPerClient` callers in line or the line is `waitingTotal` long.
 *
 * The line skips a waiter whose client is at its cap, so a flood from one client that queued
 * first never delays another client: the next free slot goes to the first waiter that may use
 * it. A `low` priority caller waits until the gate is idle (see GatePriority). That, and the
 * per-client bound on waiting, is why this is not p-limit, p-queue or async-mutex: each is one
 * FIFO semaphore, and would need this same bookkeeping around it.
 *
 * @example
 * const gate = new ConcurrencyGate({ total: 2, perClient: 1, waitingPerClient: 4, waitingTotal: 32, waitMs: 2000 })
 * const outcome = await gate.run(request.ip, () => verifyPassword(password, hash))
 * if (!outcome.ran) throw busy()
 */
export class ConcurrencyGate {
  readonly options: ConcurrencyGateOptions;
  readonly #running = new Map<string, number>();
  readonly #waitingOf = new Map<string, number>();
  readonly #line: Waiter[] = [];
  #inFlight = 0;
  /** Most tasks ever running at once, overall and for one client; callers refused so far. */
  readonly stats = { peak: 0, peakPerClient: 0, refused: 0 };

  constructor(options: ConcurrencyGateOptions) {
    this.options = options;
  }

  /** Tasks running now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Callers waiting in line now. */
  get waiting(): number {
    return this.#line.length;
  }

  /** Runs `task` once a slot is free for `client`, or refuses (see the class). */
  async run<T>(client: string, task: () => Promise<T>, priority: GatePriority = 'normal'): Promise<GateOutcome<T>> {
    if (!(await this.#admit(client, priority))) {
      this.stats.refused++;
      return { ran: false };
    }
    try {
      return { ran: true, value: await task() };
    } finally {
      this.#finish(client);
    }
  }

  #admit(client: string, priority: GatePriority): Promise<boolean> | boolean {
    if (this.#mayStart(client, priority)) {
      this.#start(client);
      return true;
    }
    const waiting = this.#waitingOf.get(client) ?? 0;
    if (waiting >= this.options.waitingPerClient || this.#line.length >= this.options.waitingTotal) return false;
    this.#waitingOf.set(client, waiting + 1);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        client,
        priority,
        start: () => resolve(true),
        timer: setTimeout(() => {
          this.#leaveLine(waiter);
          resolve(false);
        }, this.options.waitMs),
      };
      this.#line.push(waiter);
    });
  }

  #finish(client: string): void {
    this.#inFlight--;
    const running = this.#running.get(client)! - 1;
    if (running === 0) this.#running.delete(client);
    else this.#running.set(client, running);
    // Every waiter that may start now does, normal ones first; the rest keep their place.
    for (const priority of ['normal', 'low'] as const) {
      for (const waiter of this.#line.filter((candidate) => candidate.priority === priority)) {
        if (!this.#mayStart(waiter.client, priority)) continue;
        clearTimeout(waiter.timer);
        this.#leaveLine(waiter);
        this.#start(waiter.client);
        waiter.start();
      }
    }
  }

  #mayStart(client: string, priority: GatePriority): boolean {
    if (priority === 'low') return this.#inFlight === 0 && !this.#line.some((waiter) => waiter.priority === 'normal');
    return this.#inFlight < this.options.total && (this.#running.get(client) ?? 0) < this.options.perClient;
  }

  #start(client: string): void {
    this.#inFlight++;
    const running = (this.#running.get(client) ?? 0) + 1;
    this.#running.set(client, running);
    this.stats.peak = Math.max(this.stats.peak, this.#inFlight);
    this.stats.peakPerClient = Math.max(this.stats.peakPerClient, running);
  }

  #leaveLine(waiter: Waiter): void {
    this.#line.splice(this.#line.indexOf(waiter), 1);
    const waiting = this.#waitingOf.get(waiter.client)! - 1;
    if (waiting === 0) this.#waitingOf.delete(waiter.client);
    else this.#waitingOf.set(waiter.client, waiting);
  }
}
