import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

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
  return ajv;
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
  // For the verify fast path, which checks bodies exactly as the route does.
  return { compileBody: (schema) => strict.compile(schema) };
}
