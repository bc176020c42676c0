import fc from 'fast-check';

/**
 * fast-check settings for the fuzz suites: a fixed seed and a modest run count, so `npm test`
 * stays quick and a failure replays the same way. `KEYWARD_FUZZ_RUNS=5000` runs more;
 * `KEYWARD_FUZZ_SEED=<n>` explores elsewhere (a failure prints the seed and path to replay).
 *
 * @example await fc.assert(fc.asyncProperty(anyJsonText, check), fuzzParameters())
 */
export function fuzzParameters(defaultRuns = 150): fc.Parameters<unknown> {
  const runs = Number(process.env.KEYWARD_FUZZ_RUNS ?? defaultRuns);
  const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? 0x6b657977);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('KEYWARD_FUZZ_RUNS must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('KEYWARD_FUZZ_SEED must be an integer');
  return { numRuns: runs, seed };
}

/** A test timeout that grows with `KEYWARD_FUZZ_RUNS` (each run is a real request). */
export function fuzzTimeoutMs(defaultRuns = 150): number {
  return Math.max(120_000, Number(process.env.KEYWARD_FUZZ_RUNS ?? defaultRuns) * 400);
}

/** Number literals JSON allows but JavaScript cannot hold exactly (or at all). */
const AWKWARD_NUMBERS = [
  '0', '-0', '1', '-1', '0.5', '1e309', '-1e309', '1e-400', '5e-324', '1.7976931348623157e308', '1E+2', '1e21',
  '9007199254740993', '-9007199254740993', '123456789012345678901234567890123456789', '2147483648', '4294967296',
  '0.1000000000000000055511151231257827', '100000000000000000000000000000000000000000000000000e-50',
];

/** Strings that have broken other services: control characters, lone surrogates, bidi, injections. */
const AWKWARD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', '\ud83d', '\u202e\u0041\u0042', '\ufeff', '\u2028\u2029',
  '🔑🗝️', 'ǅǈǋ', 'İı', 'Ω', 'e\u0301', 'ﬁ', '\u{10ffff}', '𝕂𝕖𝕪',
  "' OR '1'='1", '"; DROP TABLE keys; --', '../../../../etc/passwd', '%00', '%2e%2e%2f', '<script>alert(1)</script>',
  '${7*7}', '{{7*7}}', '\r\nSet-Cookie: injected=1', 'admin', '*', 'keys.*', 'null', 'true', '[]', '{}',
  'x'.repeat(257), 'ä'.repeat(300), '\\', '"', '\u0007\u001b[31m',
];

/** Date-times at the edges of RFC 3339 and of what `Date` can hold (a leap second among them). */
const AWKWARD_DATE_TIMES = [
  '2026-06-30T23:59:60Z', '2016-12-31T23:59:60+00:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '1969-12-31T23:59:59Z',
  '2026-02-29T00:00:00Z', '2024-02-29T12:00:00-23:59', '2026-01-01t00:00:00z', '2026-01-01 00:00:00Z', '+275760-09-13T00:00:00Z',
];

/** Property names that reach for prototypes, internals or operators. */
const AWKWARD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '\u0000', '$ref', '$where', 'id', 'role', 'isAdmin'];

/** A string: short ASCII, full Unicode (astral and lone surrogates), or a known awkward one. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom(...AWKWARD_STRINGS),
);

const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('null', 'true', 'false'),
  fc.constantFrom(...AWKWARD_NUMBERS),
  fc.double().filter(Number.isFinite).map((n) => JSON.stringify(n)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  anyString.map((s) => JSON.stringify(s)),
);

const keyText: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...AWKWARD_KEYS), anyString).map((key) => JSON.stringify(key));

/**
 * JSON text of any shape, written directly as text so it can hold what `JSON.stringify`
 * cannot produce: numbers beyond doubles, `-0`, duplicate keys, `__proto__` as an own key.
 */
export const anyJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 6 }).map((items) => `[${items.join(',')}]`),
  object: fc.array(fc.tuple(keyText, tie('value')), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`),
})).value;

/** Nesting far deeper than any body needs, as an array or an object, optionally inside a field. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .record({ depth: fc.integer({ min: 20, max: 40_000 }), asArray: fc.boolean(), field: fc.option(fc.constantFrom('meta', 'name', 'permissions', 'groupIds', 'key', 'username')) })
  .map(({ depth, asArray, field }) => {
    const nested = asArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return field ? `{${JSON.stringify(field)}:${nested}}` : nested;
  });

/** A reference to a live row of a kind, resolved when the request is sent (rows come and go). */
export class RowRef {
  readonly kind: string;
  readonly index: number;
  constructor(kind: string, index: number) {
    this.kind = kind;
    this.index = index;
  }
}

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

const ID_PATTERN = /^\^([a-z]{3})_\[/;

/**
 * Values that mostly satisfy a JSON schema (as `/openapi.json` publishes it): the right types,
 * lengths, enums and patterns, boundary numbers, and ids that name real rows (`RowRef`) or no
 * row at all. Combined with `corrupted`, it reaches past validation into the services.
 */
export function fromSchema(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map(fromSchema));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => fromSchema({ ...schema, type })));
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer': {
      const min = Math.max(schema.minimum ?? -(2 ** 40), Number.MIN_SAFE_INTEGER);
      const max = Math.min(schema.maximum ?? 2 ** 40, Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e12, max: schema.maximum ?? 1e12, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = fromSchema(schema.items ?? {});
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) };
      return schema.uniqueItems ? fc.uniqueArray(item, { ...constraints, selector: (value) => JSON.stringify(value) }) : fc.array(item, constraints);
    }
    case 'object': {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0 && schema.additionalProperties !== false) {
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
      }
      const record = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, fromSchema(property)]));
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string | RowRef> {
  const idKind = schema.pattern ? ID_PATTERN.exec(schema.pattern)?.[1] : undefined;
  if (idKind) {
    return fc.oneof(
      { arbitrary: fc.nat({ max: 50 }).map((index) => new RowRef(idKind, index)), weight: 3 },
      { arbitrary: fc.stringMatching(new RegExp(schema.pattern!)), weight: 1 },
    );
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity));
  if (schema.format === 'date-time') {
    return fc.oneof(
      { arbitrary: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), weight: 4 },
      { arbitrary: fc.constantFrom(...AWKWARD_DATE_TIMES), weight: 1 },
    );
  }
  if (schema.format === 'ipv4' || schema.format === 'ipv6') return schema.format === 'ipv4' ? fc.ipV4() : fc.ipV6();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc.oneof(
    fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }),
    fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, maxLength) }),
    fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((ip) => `${ip}/24`)),
  );
}

/** One way to spoil a body that fits its schema, or none. */
export type Corruption =
  | { kind: 'none' }
  | { kind: 'unknown-field'; name: string; value: unknown }
  | { kind: 'drop-field'; pick: number }
  | { kind: 'replace-field'; pick: number; value: unknown }
  | { kind: 'wrap-in-array' };

export const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('unknown-field' as const), name: fc.oneof(fc.constantFrom(...AWKWARD_KEYS), anyString), value: fc.jsonValue({ maxDepth: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('drop-field' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('replace-field' as const), pick: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyString) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'wrap-in-array' as const }), weight: 1 },
);

/** Applies a corruption to a body (objects only; other values pass through). */
export function corrupted(body: unknown, how: Corruption): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || how.kind === 'none') return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const names = Object.keys(copy);
  switch (how.kind) {
    case 'unknown-field':
      Object.defineProperty(copy, how.name, { value: how.value, enumerable: true, writable: true, configurable: true });
      return copy;
    case 'drop-field':
      if (names.length > 0) delete copy[names[how.pick % names.length]!];
      return copy;
    case 'replace-field':
      if (names.length > 0) copy[names[how.pick % names.length]!] = how.value;
      return copy;
    case 'wrap-in-array':
      return [copy];
  }
}

/** Replaces every `RowRef` in a value with a live id from `pool` (or a well-formed unknown one). */
export function resolveRefs(value: unknown, pool: (kind: string, index: number) => string): unknown {
  if (value instanceof RowRef) return pool(value.kind, value.index);
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, pool));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      Object.defineProperty(out, name, { value: resolveRefs(item, pool), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
