import { describe, expect, it } from 'vitest';
import { WRITE_BEHIND_CHUNK, WriteBehind, writeInTurns } from './write-behind.ts';

describe('writeInTurns', () => {
  const items = Array.from({ length: WRITE_BEHIND_CHUNK * 2 + 5 }, (_, i) => i);

  it('writes every item in chunks, letting the event loop run between chunks', async () => {
    const events: string[] = [];
    const written: number[] = [];
    const done = writeInTurns(items, async (chunk) => {
      events.push(`chunk of ${chunk.length}`);
      // Something waiting on the loop (a request, say) gets its turn before the next chunk.
      setImmediate(() => events.push('other work'));
      written.push(...chunk);
    });
    expect(await done).toEqual({ unwritten: [] });
    expect(written).toEqual(items);
    expect(events).toEqual([`chunk of ${WRITE_BEHIND_CHUNK}`, 'other work', `chunk of ${WRITE_BEHIND_CHUNK}`, 'other work', 'chunk of 5']);
  });

  it('stops at the first failing chunk and hands back it and the rest, with the error', async () => {
    const failure = new Error('database is locked');
    let calls = 0;
    const result = await writeInTurns(items, async () => {
      if (++calls === 2) throw failure;
    });
    expect(calls).toBe(2);
    expect(result.error).toBe(failure);
    expect(result.unwritten).toEqual(items.slice(WRITE_BEHIND_CHUNK));
  });
});

describe('WriteBehind.flushKeys', () => {
  const sum = (a: number, b: number) => a + b;
  const make = (write: (chunk: number[]) => Promise<void>) => new WriteBehind<number>({ intervalMs: 3_600_000, write, merge: sum, onError: () => undefined });

  it('writes the named keys now and leaves every other key for its interval', async () => {
    const written: number[][] = [];
    const behind = make(async (chunk) => void written.push(chunk));
    behind.add('a', 1);
    behind.add('b', 10);
    behind.add('c', 100);
    await behind.flushKeys((key) => key === 'b' || key === 'missing');
    expect(written).toEqual([[10]]);
    expect(behind.size).toBe(2);
    expect(behind.peek('b')).toBeUndefined();
    await behind.close();
    expect(written).toEqual([[10], [1, 100]]);
  });

  it('keeps what it could not write, in front of what came for the key since', async () => {
    const failure = new Error('database is locked');
    const merges: [number, number][] = [];
    let fail = true;
    const written: number[] = [];
    const behind = new WriteBehind<number>({
      intervalMs: 3_600_000,
      write: async (chunk) => {
        if (fail) throw failure;
        written.push(...chunk);
      },
      merge: (earlier, newer) => (merges.push([earlier, newer]), earlier * 10 + newer),
      onError: () => undefined,
    });
    behind.add('a', 1);
    const flushing = behind.flushKeys((key) => key === 'a');
    behind.add('a', 2); // counted while the write was under way
    await expect(flushing).rejects.toBe(failure);
    expect(merges).toEqual([[1, 2]]);
    fail = false;
    await behind.flushKeys((key) => key === 'a');
    expect(written).toEqual([12]);
    await behind.close();
  });

  it('waits for a flush under way that is writing the key, so its items stay in order', async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const behind = make(async (chunk) => {
      events.push(`start ${chunk.join(',')}`);
      if (chunk.includes(1)) await held;
      events.push(`end ${chunk.join(',')}`);
    });
    behind.add('a', 1);
    const whole = behind.flush();
    await new Promise((resolve) => setImmediate(resolve));
    behind.add('a', 2);
    const one = behind.flushKeys((key) => key === 'a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start 1']);
    release();
    await Promise.all([whole, one]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await behind.close();
  });
});
