import { InvalidArgumentError } from 'commander';
import type { LimitRequest, NamedLimitSetting } from '@keyward/sdk';

// How the values of the setting options are read (meta, counts, limits, refills), shared by the
// key, identity and verify commands, and how a limit is written back in the same form. Each
// parser throws commander's InvalidArgumentError with the form it accepts, so a mistake exits 2
// before any request.

export type Ratelimit = { limit: number; windowMs: number };
export type Refill = { amount: number; interval: 'daily' | 'monthly' };

/** `{"plan":"pro"}` → that object; anything but a JSON object is refused. */
export function parseMeta(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('must be a JSON object, e.g. \'{"plan":"pro"}\'');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError('must be a JSON object');
  return value as Record<string, unknown>;
}

/** A whole number of seconds, 0 or more. */
export function parseSeconds(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('must be a whole number of seconds');
  return value;
}

/** A whole number, 0 or more, written as digits only. */
export function parseCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new InvalidArgumentError('must be a whole number, 0 or more');
  return value;
}

const WINDOW_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `100/60s` → {limit: 100, windowMs: 60000}, or undefined when it is not of that form. */
function limitPerWindow(text: string): Ratelimit | undefined {
  const match = /^(\d+)\/(\d+)(ms|s|m|h|d)$/.exec(text);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * (WINDOW_MS[match?.[3] ?? ''] ?? Number.NaN);
  if (!Number.isSafeInteger(limit) || limit < 1 || !Number.isSafeInteger(windowMs) || windowMs < 1) return undefined;
  return { limit, windowMs };
}

/** `100/60s` → {limit: 100, windowMs: 60000}; the server checks the range (a window of 1s to 31d). */
export function parseRatelimit(text: string): Ratelimit {
  const ratelimit = limitPerWindow(text);
  if (!ratelimit) throw new InvalidArgumentError('must be <limit>/<window>: verifications (1 or more) per window with its unit (ms, s, m, h or d), e.g. 100/60s or 1000/1m');
  return ratelimit;
}

/** `1000/monthly` → {amount: 1000, interval: 'monthly'}. */
export function parseRefill(text: string): Refill {
  const match = /^(\d+)\/(daily|monthly)$/.exec(text);
  const amount = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(amount) || amount < 1) throw new InvalidArgumentError('must be <amount>/daily or <amount>/monthly (amount 1 or more), e.g. 1000/monthly');
  return { amount, interval: match[2] as Refill['interval'] };
}

// The server's rule for a limit's name (LIMIT_NAME_PATTERN), repeated so a typo exits 2 here.
const LIMIT_NAME = /^[a-z0-9_-]{1,32}$/;

/**
 * `tokens=1000/1m` → {name: 'tokens', limit: 1000, durationMs: 60000, autoApply: true};
 * a trailing `:manual` makes it apply only to verifications that name it.
 */
export function parseNamedLimit(text: string): NamedLimitSetting {
  const match = /^([^=]*)=(.*?)(:manual)?$/.exec(text);
  const ratelimit = match ? limitPerWindow(match[2]!) : undefined;
  if (!match || !LIMIT_NAME.test(match[1]!) || !ratelimit) {
    throw new InvalidArgumentError('must be <name>=<limit>/<window>[:manual]: a name of 1-32 of a-z 0-9 _ -, verifications (or cost) per window with its unit (ms, s, m, h or d), and :manual to apply it only when a verification names it, e.g. tokens=1000/1m:manual');
  }
  return { name: match[1]!, limit: ratelimit.limit, durationMs: ratelimit.windowMs, autoApply: match[3] === undefined };
}

/** `tokens=5` → {name: 'tokens', cost: 5}; `tokens` → {name: 'tokens'} (cost 1). */
export function parseLimitRequest(text: string): LimitRequest {
  const match = /^([^=]*)(?:=(\d+))?$/.exec(text);
  const cost = match?.[2] === undefined ? undefined : Number(match[2]);
  if (!match || !LIMIT_NAME.test(match[1]!) || (cost !== undefined && !Number.isSafeInteger(cost))) {
    throw new InvalidArgumentError('must be <name> or <name>=<cost>: a limit name of 1-32 of a-z 0-9 _ -, and a whole cost, 0 or more (default 1), e.g. tokens=250');
  }
  return cost === undefined ? { name: match[1]! } : { name: match[1]!, cost };
}

/**
 * A repeatable option whose every value is parsed (`--limit a=1/1s --limit b=2/1m`).
 *
 * @example command.option('--limit <spec>', '…', collectParsed(parseNamedLimit))
 */
export function collectParsed<Value>(parse: (text: string) => Value): (text: string, previous?: Value[]) => Value[] {
  return (text, previous = []) => [...previous, parse(text)];
}

/** A limit in words: `tokens 1000 per 1m (only when named)`. */
export function namedLimitInWords(limit: { name: string; limit: number; durationMs: number; autoApply: boolean }): string {
  const unit = (['d', 'h', 'm', 's'] as const).find((candidate) => limit.durationMs % WINDOW_MS[candidate]! === 0);
  const window = unit ? `${limit.durationMs / WINDOW_MS[unit]!}${unit}` : `${limit.durationMs}ms`;
  return `${limit.name} ${limit.limit} per ${window}${limit.autoApply ? '' : ' (only when named)'}`;
}
