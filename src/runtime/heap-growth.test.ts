import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapGrowthFlags } from './heap-growth.ts';

describe('heapGrowthFlags', () => {
  it('bounds the old generation growth when the command line says nothing of it', () => {
    expect(heapGrowthFlags([])).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    expect(heapGrowthFlags(['--conditions=@keyward/source', '--max-old-space-size=2048'])).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves the operator's own setting alone", () => {
    expect(heapGrowthFlags(['--heap-growing-percent=200'])).toEqual([]);
    expect(heapGrowthFlags(['--heap-growing-percent', '200'])).toEqual([]);
  });
});

describe('the server process', () => {
  // The flag is set where the server starts, before the app is built: src/server.ts and
  // `keyward serve` both call limitHeapGrowth. V8 offers no way to read a flag back, so this
  // asserts the call, in the two entry points' own text.
  it.each(['src/server.ts', 'src/cli/commands/serve.ts'])('%s limits heap growth before building the app', (file) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const limited = text.indexOf('limitHeapGrowth(');
    expect(limited).toBeGreaterThan(-1);
    expect(limited).toBeLessThan(text.indexOf('buildApp({'));
  });
});
