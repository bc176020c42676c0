import { Type, type Static, type TSchema } from 'typebox';
import { idPattern, type IdKind } from '../../domain/ids.ts';
import { PASSWORD_LENGTH, USERNAME_PATTERN } from '../../domain/credentials.ts';

/** A typed id, e.g. `key_01jc…`; anything else is a 400 before it reaches a query. */
export const Id = (kind: IdKind) =>
  Type.String({ pattern: idPattern(kind), description: `A ${kind}_… id`, examples: [`${kind}_01jd2f3g4h5j6k7m8n9p0q1r`] });

/**
 * A value or null. A primitive becomes `type: [t, 'null']` rather than `anyOf`, because the
 * serialiser must run a validator per response to choose an `anyOf` branch (hot on verify).
 */
export function Nullable<T extends TSchema>(schema: T) {
  const type = (schema as { type?: unknown }).type;
  if (typeof type === 'string' && type !== 'object' && type !== 'array') {
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
  }
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
}

/**
 * Headers for the verification routes, which send this short set instead of helmet's full one
 * (fewer bytes and header checks on the hottest path): a JSON answer that must not be cached,
 * sniffed or framed.
 */
export const VERIFY_RESPONSE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

export const IsoDateTime = Type.String({ format: 'date-time', examples: ['2026-03-15T14:30:00.000Z'] });

/** RFC 9457 problem details, as every error answers. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable UPPER_SNAKE error code', examples: ['VALIDATION_FAILED'] }),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'An RFC 9457 problem (application/problem+json)' },
);

export const ProblemRef = Type.Ref('Problem');

/** The error responses every management route can give. */
export const problemResponses = {
  400: ProblemRef,
  401: ProblemRef,
  403: ProblemRef,
  404: ProblemRef,
  409: ProblemRef,
  413: ProblemRef,
  415: ProblemRef,
  422: ProblemRef,
  429: ProblemRef,
};

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page (1-100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The nextCursor of the previous page' })),
};

/** `{items, nextCursor, total}` around an item schema. */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()), total: Type.Integer() });
}

export const ForceQuery = Type.Object(
  { force: Type.Optional(Type.Boolean({ default: false, description: 'Also delete the keys that depend on it' })) },
  { additionalProperties: false },
);

export const Username = Type.String({ pattern: USERNAME_PATTERN, description: '2-64 letters, digits or _.@-', examples: ['alice'] });
export const Password = Type.String({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max, description: 'At least 12 characters' });

/** OpenAPI security of management routes: a management key or a dashboard session. */
export const managementSecurity: { [scheme: string]: string[] }[] = [{ managementKey: [] }, { session: [] }];
