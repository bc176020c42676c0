import { describe, expect, it } from 'vitest';
import { WRITE_BEHIND_CHUNK, writeInTurns } from './write-behind.ts';

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
