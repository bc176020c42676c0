// Named limits for the tests of identities and keys (issue #18).

/** A named limit as the API takes it: 10 per minute, applied automatically, unless told. */
export const namedLimit = (name: string, overrides: Record<string, unknown> = {}) => ({ name, limit: 10, durationMs: 60_000, autoApply: true, ...overrides });

/** Limit lists refused on an identity or a key (identities.error.test.ts, keys.identity.error.test.ts), with the field the problem names. */
export const BAD_LIMITS: [string, unknown, string][] = [
  ['an upper-case name', [namedLimit('Requests')], '/ratelimits/0/name'],
  ['a name with a space', [namedLimit('per minute')], '/ratelimits/0/name'],
  ['an empty name', [namedLimit('')], '/ratelimits/0/name'],
  ['a name of 33 characters', [namedLimit('a'.repeat(33))], '/ratelimits/0/name'],
  ['a name with a dot', [namedLimit('api.calls')], '/ratelimits/0/name'],
  ['eleven limits', Array.from({ length: 11 }, (_, i) => namedLimit(`l${i}`)), '/ratelimits'],
  ['a name used twice', [namedLimit('requests'), namedLimit('requests', { limit: 5 })], '/ratelimits'],
  ['a duration under a second', [namedLimit('requests', { durationMs: 999 })], '/ratelimits/0/durationMs'],
  ['a duration over 31 days', [namedLimit('requests', { durationMs: 31 * 24 * 3600 * 1000 + 1 })], '/ratelimits/0/durationMs'],
  ['a fractional duration', [namedLimit('requests', { durationMs: 1500.5 })], '/ratelimits/0/durationMs'],
  ['a duration as text', [namedLimit('requests', { durationMs: '60000' })], '/ratelimits/0/durationMs'],
  ['a limit of 0', [namedLimit('requests', { limit: 0 })], '/ratelimits/0/limit'],
  ['a negative limit', [namedLimit('requests', { limit: -1 })], '/ratelimits/0/limit'],
  ['a limit over a billion', [namedLimit('requests', { limit: 1_000_000_001 })], '/ratelimits/0/limit'],
  ['a missing duration', [{ name: 'requests', limit: 10 }], '/ratelimits/0/durationMs'],
  ['an unknown field in a limit', [namedLimit('requests', { burst: 5 })], '/ratelimits/0/burst'],
  ['autoApply as text', [namedLimit('requests', { autoApply: 'yes' })], '/ratelimits/0/autoApply'],
  ['an object instead of a list', namedLimit('requests'), '/ratelimits'],
];

/** Meta that serialises to just over 4 KiB of JSON. */
export const OVERSIZED_META = { blob: 'x'.repeat(4096) };
