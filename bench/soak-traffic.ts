import { generateToken } from '../src/domain/token.ts';

export const OPERATIONS = ['verify', 'list', 'create', 'edit', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** A key the soak created and may verify, edit or delete; `retired` once its deletion is under way. */
export type PoolKey = { id: string; token: string; retired: boolean };

/** What the traffic works on: a project, a group for new keys, a management key, and live keys. */
export type SoakWorld = { url: string; projectId: string; groupId: string; management: Record<string, string>; pool: PoolKey[] };

export type OperationSummary = { count: number; errors: number; p50Ms: number; p99Ms: number };

// Mostly verification, as in production; writes keep the data set moving but bounded: every
// key created replaces the oldest live key, which is deleted.
const MIX: [Operation, number][] = [['verify', 70], ['list', 8], ['create', 9], ['edit', 13]];
const TOTAL_WEIGHT = MIX.reduce((sum, [, weight]) => sum + weight, 0);

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const round = (value: number) => Math.round(value * 10) / 10;
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!);

/**
 * Workers that each keep one request in flight, chosen by MIX, and check every answer against
 * the contract: an unexpected status or verification code, or a network error, is an error.
 * Counts and latencies are kept only while `measuring`.
 */
export class MixedTraffic {
  measuring = false;
  readonly #world: SoakWorld;
  readonly #workers: number;
  readonly #stats = Object.fromEntries(OPERATIONS.map((op) => [op, { count: 0, errors: 0, times: [] as number[] }])) as Record<Operation, { count: number; errors: number; times: number[] }>;
  readonly #errorSamples: string[] = [];
  readonly #unknownTokens = Array.from({ length: 200 }, () => generateToken('sk'));
  #running: Promise<void>[] = [];
  #stopping = false;
  #paused: Promise<void> | undefined;
  #active = 0;
  #created = 0;

  constructor(world: SoakWorld, workers: number) {
    this.#world = world;
    this.#workers = workers;
  }

  start(): void {
    this.#running = Array.from({ length: this.#workers }, async () => {
      while (!this.#stopping) {
        if (this.#paused) await this.#paused;
        this.#active += 1;
        await this.#one(this.#choose());
        this.#active -= 1;
      }
    });
  }

  /** Holds every worker once its request is answered; resolves when none is in flight. Call the result to resume. */
  async pause(): Promise<() => void> {
    let resume!: () => void;
    this.#paused = new Promise((resolve) => (resume = resolve));
    while (this.#active > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return () => {
      this.#paused = undefined;
      resume();
    };
  }

  /** Lets the requests in flight finish, and starts no more. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#running);
  }

  summary(): { byOperation: Record<Operation, OperationSummary>; requests: number; errors: number; errorSamples: string[] } {
    const byOperation = Object.fromEntries(OPERATIONS.map((op) => {
      const sorted = [...this.#stats[op].times].sort((a, b) => a - b);
      return [op, { count: this.#stats[op].count, errors: this.#stats[op].errors, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)) }];
    })) as Record<Operation, OperationSummary>;
    return {
      byOperation,
      requests: OPERATIONS.reduce((sum, op) => sum + this.#stats[op].count, 0),
      errors: OPERATIONS.reduce((sum, op) => sum + this.#stats[op].errors, 0),
      errorSamples: [...this.#errorSamples],
    };
  }

  #choose(): Operation {
    let roll = Math.random() * TOTAL_WEIGHT;
    for (const [op, weight] of MIX) if ((roll -= weight) < 0) return op;
    return 'verify';
  }

  #live(): PoolKey[] {
    return this.#world.pool.filter((key) => !key.retired);
  }

  #failed(op: Operation, what: string): void {
    this.#stats[op].errors += 1;
    if (this.#errorSamples.length < 10) this.#errorSamples.push(`${op}: ${what}`);
  }

  /** One request of `op`, checked with `expected`; returns the parsed answer. */
  async #call(op: Operation, method: string, path: string, headers: Record<string, string>, body: unknown, expected: (status: number, json: any) => boolean): Promise<any> {
    const started = performance.now();
    try {
      const response = await fetch(this.#world.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      const json = text ? JSON.parse(text) : undefined;
      if (this.measuring) {
        this.#stats[op].count += 1;
        this.#stats[op].times.push(performance.now() - started);
      }
      if (!expected(response.status, json)) this.#failed(op, `${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
      return json;
    } catch (error) {
      this.#failed(op, `${method} ${path} → ${String(error)}`);
      return undefined;
    }
  }

  async #one(op: Operation): Promise<void> {
    const { projectId, groupId, management } = this.#world;
    const json = { 'content-type': 'application/json' };
    switch (op) {
      case 'verify': {
        if (Math.random() < 0.1) {
          await this.#call(op, 'POST', '/v1/keys/verify', json, { key: pick(this.#unknownTokens) }, (status, answer) => status === 200 && answer?.code === 'NOT_FOUND');
          return;
        }
        const key = pick(this.#live());
        // A key retired while this was in flight may be gone already.
        await this.#call(op, 'POST', '/v1/keys/verify', json, { key: key.token, projectId, permissions: ['soak.call'] },
          (status, answer) => status === 200 && (answer?.code === 'VALID' || (key.retired && answer?.code === 'NOT_FOUND')));
        return;
      }
      case 'list': {
        const q = Math.random() < 0.5 ? `&q=${encodeURIComponent(`soak ${Math.floor(Math.random() * 100)}`)}` : '';
        await this.#call(op, 'GET', `/v1/keys?projectId=${projectId}&limit=50${q}`, management, undefined, (status, answer) => status === 200 && Array.isArray(answer?.items));
        return;
      }
      case 'create': {
        this.#created += 1;
        const issued = await this.#call(op, 'POST', '/v1/keys', management, { projectId, name: `soak created ${this.#created}`, groupIds: [groupId], meta: { n: this.#created } }, (status) => status === 201);
        if (!issued?.token) return;
        this.#world.pool.push({ id: issued.key.id, token: issued.token, retired: false });
        const oldest = this.#live()[0]!;
        oldest.retired = true;
        await this.#call('delete', 'DELETE', `/v1/keys/${oldest.id}`, { authorization: management.authorization! }, undefined, (status) => status === 204);
        this.#world.pool.splice(this.#world.pool.indexOf(oldest), 1);
        return;
      }
      case 'edit': {
        const key = pick(this.#live());
        await this.#call(op, 'PATCH', `/v1/keys/${key.id}`, management, { description: `edited at ${Date.now()}`, meta: { edited: Math.random() } },
          (status) => status === 200 || (key.retired && status === 404));
        return;
      }
      case 'delete':
        return;
    }
  }
}
