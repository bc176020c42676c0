/** A key's last use noted in this process: an ISO time, or nothing newer than what is stored. */
export type UnwrittenLastUse = (keyId: string) => string | undefined;

/**
 * What a key view shows as `lastUsedAt`: the stored time, or a later use this process noted and
 * has not written yet. On the embedded store (one process, the only one verifying) `lastUsedAt`
 * is then as fresh as the noting (every 5 s per key), while the rows are written every 30 s:
 * at 100,000 keys in use, writing them every second took a random page of the keys table per
 * key (3.1 µs a row, the largest write left once the others were made rarer). The services hand
 * over where the unwritten uses are (`showFrom`) once they have made their recorder.
 */
export class LastUseOverlay {
  #unwritten: UnwrittenLastUse | undefined;

  showFrom(unwritten: UnwrittenLastUse): void {
    this.#unwritten = unwritten;
  }

  /** The later of the stored last use and an unwritten one (ISO times sort as text). */
  lastUsedAt(keyId: string, stored: string | null): string | null {
    const unwritten = this.#unwritten?.(keyId);
    return unwritten !== undefined && (stored === null || unwritten > stored) ? unwritten : stored;
  }
}
