import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { problems } from '../../domain/problem-error.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    // Refuse unknown fields instead of silently dropping them (Fastify's default).
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
    ...options,
  });
  addFormats(ajv);
  // ajv-formats takes a leap second (23:59:60) as a date-time; Date.parse does not, and every
  // date we are given ends up in a Date: accept only what both read.
  const dateTime = ajv.formats['date-time'] as { validate: (text: string) => boolean; compare: (a: string, b: string) => number | undefined };
  ajv.addFormat('date-time', { validate: (text: string) => dateTime.validate(text) && !Number.isNaN(Date.parse(text)), compare: dateTime.compare });
  return ajv;
}

/**
 * The JSON Pointer of a string (or object key) in `value` that holds a NUL character, if any.
 * Walks with a stack of its own: a body may nest deeper than the call stack goes.
 */
export function pathOfNul(value: unknown): string | undefined {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (item.includes('\0')) return path;
    } else if (typeof item === 'object' && item !== null) {
      for (const [name, child] of Object.entries(item)) {
        const childPath = `${path}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (name.includes('\0')) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * Bodies are validated strictly (`"5"` is not a number); query strings, path parameters and
 * headers are text by nature, so there scalars are coerced (`?limit=5`).
 */
export function installValidators(app: FastifyInstance, shared: object[]): { compileBody: (schema: object) => ValidateFunction } {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  for (const schema of shared) {
    strict.addSchema(schema);
    coercing.addSchema(schema);
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? strict.compile(schema as object) : coercing.compile(schema as object),
  );
  // PostgreSQL cannot store U+0000 in text or jsonb, and SQLite's full-text search stops reading
  // at it: refused in every string a request carries, on either store, before anything reads it.
  // (The verify fast path takes only bodies whose one stored string, a tag, forbids it by schema.)
  app.addHook('preValidation', async (request) => {
    for (const [where, part] of [['path', request.params], ['query string', request.query], ['body', request.body]] as const) {
      const path = pathOfNul(part);
      if (path !== undefined) throw problems.validation(`The ${where} is not valid.`, [{ path, message: 'must not contain the NUL character (U+0000)' }]);
    }
  });
  // For the verify fast path, which checks bodies exactly as the route does.
  return { compileBody: (schema) => strict.compile(schema) };
}
