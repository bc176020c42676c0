// How many distinct values are shared at most; past it the table starts again (amortised), so
// a store whose every key differs costs a little sharing, never unbounded memory.
const MAX_SHARED = 50_000;
export const EMPTY_LIST: readonly never[] = Object.freeze([]);
export const EMPTY_OBJECT: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * One copy of what many cached keys repeat: project, owner and creator ids, permission lists
 * (keys made from the same groups hold the same list), and the empty settings most keys have.
 * Each row read from the database brings its own copies, and they are most of a cached key's
 * size. Only values nothing writes to are shared (the empty ones are frozen, so a write to one
 * would throw instead of changing every key that shares it).
 */
export class SharedValues {
  #values = new Map<string, string | string[]>();

  #share<T extends string | string[]>(id: string, value: T): T {
    const held = this.#values.get(id);
    if (held !== undefined) return held as T;
    if (this.#values.size >= MAX_SHARED) this.#values = new Map();
    this.#values.set(id, value);
    return value;
  }

  string<T extends string | null>(value: T): T {
    return value === null ? value : this.#share(`s${value}`, value);
  }

  // A permission name cannot hold a newline, so joining by one names the list.
  list(values: string[]): string[] {
    return values.length === 0 ? (EMPTY_LIST as never[]) : this.#share(`l${values.join('\n')}`, values);
  }
}

/** Whether an object has no own enumerable property. */
export function isEmpty(value: Record<string, unknown>): boolean {
  for (const _ in value) return false;
  return true;
}
