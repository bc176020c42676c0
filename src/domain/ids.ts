import { randomInt } from 'node:crypto';

/** The typed prefixes of every public id (`whk` webhooks, `dlv` their deliveries, `wev` webhook events, `idt` identities, `psn` portal sessions). */
export type IdKind = 'prj' | 'usr' | 'grp' | 'key' | 'evt' | 'whk' | 'dlv' | 'wev' | 'idt' | 'psn';

// Lower-case Crockford base32: sorts the same byte-wise (SQLite) and under PostgreSQL's
// default collations, so "ORDER BY id" is creation order in both stores.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 10;
const RANDOM_CHARS = 12;

/** Pattern of an id of the given kind, for schemas and cursor checks. */
export function idPattern(kind: IdKind): string {
  return `^${kind}_[0-9a-hjkmnp-tv-z]{${TIME_CHARS + RANDOM_CHARS}}$`;
}

/**
 * A new time-ordered id (`key_01jc…`): 50 bits of milliseconds then 60 random bits, so ids
 * made later sort later, which keyset pagination relies on, and are still unguessable.
 */
export function newId(kind: IdKind, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) random += ALPHABET[randomInt(32)];
  return `${kind}_${time}${random}`;
}

/** Whether `value` is a well-formed id of this kind. */
export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(idPattern(kind)).test(value);
}
