import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConcurrencyGate, type GateOutcome } from './concurrency-gate.ts';

/** A task that runs until the test ends it, and a record of whether it has started. */
function heldTask() {
  let end!: () => void;
  const done = new Promise<void>((resolve) => (end = resolve));
  const task = { started: false, end: () => end(), run: async () => { task.started = true; await done; return 'done'; } };
  return task;
}

/** Lets promise callbacks that are ready run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const OPTIONS = { total: 2, perClient: 1, waitingPerClient: 2, waitingTotal: 3, waitMs: 2000 };

describe('ConcurrencyGate', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at most perClient tasks of one client and lines the next ones up, refusing past waitingPerClient at once', async () => {
    const gate = new ConcurrencyGate(OPTIONS);
    const tasks = Array.from({ length: 5 }, heldTask);
    const outcomes: (GateOutcome<string> | undefined)[] = tasks.map(() => undefined);
    tasks.forEach((task, i) => void gate.run('flood', task.run).then((outcome) => (outcomes[i] = outcome)));
    await settle();
    expect(tasks.map((task) => task.started)).toEqual([true, false, false, false, false]);
    expect({ inFlight: gate.inFlight, waiting: gate.waiting }).toEqual({ inFlight: 1, waiting: 2 });
    expect(outcomes.slice(3)).toEqual([{ ran: false }, { ran: false }]);
    // First come, first served within the client.
    tasks[0]!.end();
    await settle();
    expect(tasks.map((task) => task.started)).toEqual([true, true, false, false, false]);
    tasks[1]!.end();
    await settle();
    tasks[2]!.end();
    await settle();
    expect(outcomes).toEqual([{ ran: true, value: 'done' }, { ran: true, value: 'done' }, { ran: true, value: 'done' }, { ran: false }, { ran: false }]);
    expect(gate.stats).toEqual({ peak: 1, peakPerClient: 1, refused: 2 });
    expect({ inFlight: gate.inFlight, waiting: gate.waiting }).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('a client whose flood waits in line still gets a free slot at once', async () => {
    const gate = new ConcurrencyGate(OPTIONS);
    const flood = Array.from({ length: 3 }, heldTask);
    for (const task of flood) void gate.run('flood', task.run);
    const other = heldTask();
    const outcome = gate.run('someone-else', other.run);
    await settle();
    expect(other.started).toBe(true);
    other.end();
    expect(await outcome).toEqual({ ran: true, value: 'done' });
    for (const task of flood) task.end();
  });

  it('never runs more than total at once; the slot a client frees goes to the first waiter allowed to take it', async () => {
    const gate = new ConcurrencyGate({ ...OPTIONS, waitingTotal: 10 });
    const a = [heldTask(), heldTask()];
    const b = heldTask();
    const c = heldTask();
    void gate.run('a', a[0]!.run);
    void gate.run('b', b.run);
    void gate.run('a', a[1]!.run); // waits: both slots taken
    void gate.run('c', c.run); // waits behind it
    await settle();
    expect(gate.inFlight).toBe(2);
    expect(gate.waiting).toBe(2);
    // a's slot frees: a's waiter is first in line and may take it.
    a[0]!.end();
    await settle();
    expect([a[1]!.started, c.started]).toEqual([true, false]);
    // b's slot frees: a is at its cap, c is next.
    b.end();
    await settle();
    expect(c.started).toBe(true);
    expect(gate.stats.peak).toBe(2);
    a[1]!.end();
    c.end();
  });

  it('refuses at once when the whole line is full, whoever asks', async () => {
    const gate = new ConcurrencyGate({ ...OPTIONS, total: 1, waitingTotal: 2 });
    const held = [heldTask(), heldTask(), heldTask()];
    void gate.run('a', held[0]!.run);
    void gate.run('b', held[1]!.run);
    void gate.run('c', held[2]!.run);
    expect(await gate.run('d', async () => 'never')).toEqual({ ran: false });
    for (const task of held) task.end();
  });

  it('refuses a waiter once it has waited waitMs, and its place is freed', async () => {
    vi.useFakeTimers();
    const gate = new ConcurrencyGate(OPTIONS);
    const running = heldTask();
    void gate.run('a', running.run);
    const waiter = heldTask();
    const outcome = gate.run('a', waiter.run);
    expect(gate.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(OPTIONS.waitMs - 1);
    expect(gate.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual({ ran: false });
    expect(gate.waiting).toBe(0);
    running.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiter.started).toBe(false);
    expect(gate.inFlight).toBe(0);
  });

  it('a low priority task starts only while nothing else runs and no normal caller waits', async () => {
    const gate = new ConcurrencyGate({ ...OPTIONS, waitingTotal: 10 });
    const normal = [heldTask(), heldTask(), heldTask()];
    const low = [heldTask(), heldTask()];
    void gate.run('a', normal[0]!.run);
    void gate.run('suspect', low[0]!.run, 'low'); // a slot is free, but a task runs
    await settle();
    expect(low[0]!.started).toBe(false);
    // A normal caller that comes later starts at once, past the low one.
    void gate.run('b', normal[1]!.run);
    void gate.run('c', normal[2]!.run); // waits: both slots taken
    await settle();
    expect(normal[1]!.started).toBe(true);
    normal[0]!.end();
    await settle();
    // The freed slot goes to the normal waiter, though the low one waited longer.
    expect([normal[2]!.started, low[0]!.started]).toEqual([true, false]);
    normal[1]!.end();
    normal[2]!.end();
    await settle();
    expect(low[0]!.started).toBe(true);
    // One low task at a time: the gate is not idle while it runs.
    void gate.run('suspect-2', low[1]!.run, 'low');
    await settle();
    expect(low[1]!.started).toBe(false);
    low[0]!.end();
    await settle();
    expect(low[1]!.started).toBe(true);
    low[1]!.end();
    await settle();
    expect(gate.inFlight).toBe(0);
  });

  it('frees the slot when the task throws, and passes the error on', async () => {
    const gate = new ConcurrencyGate(OPTIONS);
    await expect(gate.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(gate.inFlight).toBe(0);
    expect(await gate.run('a', async () => 1)).toEqual({ ran: true, value: 1 });
  });
});
