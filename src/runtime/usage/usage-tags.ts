import { setImmediate as nextTurn } from 'node:timers/promises';
import type { UsageTagCountTable } from '../../store/database.ts';
import { OTHER_TAG, type UsageRepository } from '../../store/usage-counts.ts';
import { WRITE_BEHIND_CHUNK } from '../write-behind.ts';

/**
 * How many distinct tags one key keeps in one hour. Tags are chosen by whoever holds a token,
 * and each distinct one is a row kept 90 days: without a cap, random tags grow the database
 * without end (measured before the cap: 2,000 calls with 20 random tags each, 11 MB of rows and
 * 82 MB of WAL in under 5 seconds).
 */
export const TAGS_PER_KEY_HOUR = 100;

const HOUR = 3_600_000;

/** One key's tags in one hour on this node. */
type KeyHour = {
  keyId: string;
  hour: number;
  /** Tags counted under their own name: checked against the database, or admitted since. */
  named: Set<string>;
  /** Names admitted here since the last flush, not yet checked against the database. */
  fresh: string[];
  /** How many more new names this node may admit before it next checks the database. */
  room: number;
  /** Counts since the last flush, by tag (OTHER_TAG included). */
  counts: Map<string, number>;
};

/** One key-hour's share of a flush: what it counted, and the names it admitted meanwhile. */
type Taken = { entry: KeyHour; counts: Map<string, number>; fresh: string[] };

const bucketOf = (hour: number) => new Date(hour * HOUR).toISOString();

function move(counts: Map<string, number>, from: string, to: string): void {
  const count = counts.get(from);
  if (count === undefined) return;
  counts.delete(from);
  counts.set(to, (counts.get(to) ?? 0) + count);
}

/**
 * Tag counts per key and hour, at most TAGS_PER_KEY_HOUR names per key and hour; later new
 * names are counted under OTHER_TAG, while names already admitted that hour keep counting.
 *
 * The hot path decides in memory (a set look-up per tag). The cap is exact on one node, also
 * across flushes and restarts: before a flush writes names it has not written before, it reads
 * the names the database already holds for that key and hour, admits new ones only up to the
 * cap, and counts the rest under OTHER_TAG from then on. Several nodes check the same rows,
 * so the cap holds across them too, except when two nodes' flushes for the same key and hour
 * overlap: each may then admit what it saw as room (at most TAGS_PER_KEY_HOUR more per extra
 * node, bounded all the same).
 */
export class TagCounter {
  // The hour each key is being counted in; an entry moves to #past when its key's hour passes.
  #live = new Map<string, KeyHour>();
  #past: KeyHour[] = [];

  /** Counts the tags of one VALID verification of a key in the given hour (ms / HOUR). */
  count(keyId: string, hour: number, tags: readonly string[]): void {
    let entry = this.#live.get(keyId);
    if (entry?.hour !== hour) {
      if (entry) this.#past.push(entry);
      entry = { keyId, hour, named: new Set(), fresh: [], room: TAGS_PER_KEY_HOUR, counts: new Map() };
      this.#live.set(keyId, entry);
    }
    for (const tag of tags) {
      let name = tag;
      if (!entry.named.has(tag)) {
        // A tag a caller names "_other" is counted with the overflow, taking no place.
        if (tag !== OTHER_TAG && entry.room > 0) {
          entry.named.add(tag);
          entry.fresh.push(tag);
          entry.room--;
        } else {
          name = OTHER_TAG;
        }
      }
      entry.counts.set(name, (entry.counts.get(name) ?? 0) + 1);
    }
  }

  /**
   * Takes what was counted since the last call, as rows to add: names new to this node checked
   * against what the database holds first. Forgets the keys whose hour has passed.
   */
  async take(usage: UsageRepository, now: number): Promise<UsageTagCountTable[]> {
    const entries = [...this.#past, ...this.#live.values()];
    this.#past = [];
    const currentHour = Math.floor(now / HOUR);
    for (const entry of this.#live.values()) if (entry.hour < currentHour) this.#live.delete(entry.keyId);
    const taken: Taken[] = [];
    for (const entry of entries) {
      if (entry.counts.size === 0) continue;
      taken.push({ entry, counts: entry.counts, fresh: entry.fresh });
      entry.counts = new Map();
      entry.fresh = [];
    }
    const unchecked = taken.filter((share) => share.fresh.length > 0);
    try {
      await this.#check(usage, unchecked);
    } catch (error) {
      // Nothing is lost: the counts go back to their entries, and the names stay to be checked
      // (or a node could later write them unchecked), for the next flush.
      for (const share of taken) {
        for (const [tag, count] of share.counts) share.entry.counts.set(tag, (share.entry.counts.get(tag) ?? 0) + count);
        if (this.#live.get(share.entry.keyId) !== share.entry) this.#past.push(share.entry);
      }
      for (const share of unchecked) share.entry.fresh.unshift(...share.fresh);
      throw error;
    }
    return taken.flatMap(({ entry, counts }) =>
      [...counts].map(([tag, count]) => ({ key_id: entry.keyId, bucket_start: bucketOf(entry.hour), tag, count })));
  }

  /** Admits the fresh names the cap leaves room for, by what the database holds. */
  async #check(usage: UsageRepository, shares: Taken[]): Promise<void> {
    const byHour = Map.groupBy(shares, (share) => share.entry.hour);
    for (const [hour, ofHour] of byHour) {
      for (let i = 0; i < ofHour.length; i += WRITE_BEHIND_CHUNK) {
        if (i > 0) await nextTurn();
        const chunk = ofHour.slice(i, i + WRITE_BEHIND_CHUNK);
        const stored = await usage.storedTagNames(bucketOf(hour), chunk.map((share) => share.entry.keyId));
        // Synchronous from here: no verification counts in between.
        for (const share of chunk) admit(share, stored.get(share.entry.keyId) ?? new Set());
      }
    }
  }
}

/**
 * Settles one key-hour's fresh names against the names stored for it. Names admitted while
 * the database was being read (the entry's current `fresh`) are left for the next check.
 */
function admit({ entry, counts, fresh }: Taken, stored: ReadonlySet<string>): void {
  const checking = new Set(fresh);
  const pending = new Set(entry.fresh);
  const kept = new Set(stored);
  for (const name of entry.named) if (!checking.has(name) && !pending.has(name)) kept.add(name);
  for (const name of fresh) {
    if (kept.has(name)) continue;
    if (kept.size < TAGS_PER_KEY_HOUR) {
      kept.add(name);
      continue;
    }
    // Over the cap: what it counted, in this flush and since, goes to the overflow.
    move(counts, name, OTHER_TAG);
    move(entry.counts, name, OTHER_TAG);
  }
  // Names stored by another node (or before a restart) count under their own names here too.
  entry.named = new Set([...kept, ...pending]);
  entry.room = Math.max(0, TAGS_PER_KEY_HOUR - kept.size - pending.size);
}
