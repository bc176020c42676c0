import { Type } from 'typebox';
import { LIMIT_NAME_PATTERN, MAX_NAMED_LIMITS } from '../../domain/named-limits.ts';
import { PERMISSION_PATTERN } from '../../domain/permissions.ts';
import { KEY_PREFIX_PATTERN } from '../../domain/token.ts';
import { VERIFICATION_CODES } from '../../domain/verification.ts';
import { Id, IsoDateTime, Nullable, Username } from './common.ts';

export const KeyPrefix = Type.String({ pattern: KEY_PREFIX_PATTERN, description: 'Starts every token of the project', examples: ['fb'] });
export const Permission = Type.String({ pattern: PERMISSION_PATTERN, maxLength: 64, examples: ['keys.read', 'feedback.write'] });

export const Project = Type.Object({
  id: Id('prj'),
  name: Type.String(),
  keyPrefix: Type.String(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

export const Group = Type.Object({
  id: Id('grp'),
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

const NamedRef = Type.Object({ id: Type.String(), name: Type.String() });
const UserRef = Type.Object({ id: Type.String(), username: Type.String() });

export const User = Type.Object({
  id: Id('usr'),
  username: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('member')]),
  groups: Type.Array(NamedRef),
  active: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

export const RateLimit = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Verifications allowed per window' }),
    windowMs: Type.Integer({ minimum: 1000, maximum: 31 * 24 * 3600 * 1000, description: 'Window length in milliseconds' }),
  },
  { additionalProperties: false },
);

export const Refill = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'What `remaining` is reset to' }),
    interval: Type.Union([Type.Literal('daily'), Type.Literal('monthly')]),
  },
  { additionalProperties: false },
);

export const Meta = Type.Record(Type.String(), Type.Unknown(), { description: 'Free JSON returned on verification (at most 4 KiB)' });

const namedLimitFields = {
  name: Type.String({ pattern: LIMIT_NAME_PATTERN, description: 'Unique on its key or identity; `default` is the contract\'s single `ratelimit`', examples: ['requests'] }),
  limit: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Verifications (or cost) allowed in any span of durationMs' }),
  durationMs: Type.Integer({ minimum: 1000, maximum: 31 * 24 * 3600 * 1000, description: 'The window, in milliseconds; it slides (no burst of twice the limit around an edge)' }),
};
const AUTO_APPLY = 'Applied to every verification; else only to those that name it';

/** A named limit as keys and identities answer it. */
export const NamedLimit = Type.Object({ ...namedLimitFields, autoApply: Type.Boolean({ description: AUTO_APPLY }) }, { additionalProperties: false });

export const NamedLimits = Type.Array(NamedLimit, { maxItems: MAX_NAMED_LIMITS, description: `At most ${MAX_NAMED_LIMITS}, names unique` });

// In a body autoApply may be left out (the validator fills in true), so the document must not
// call it required: generated clients would otherwise demand it.
const NamedLimitInput = Type.Object(
  { ...namedLimitFields, autoApply: Type.Optional(Type.Boolean({ default: true, description: `${AUTO_APPLY} (default true)` })) },
  { additionalProperties: false },
);

/** Named limits as a body gives them; `autoApply` is true once the body has been validated. */
export const NamedLimitsInput = Type.Array(NamedLimitInput, { maxItems: MAX_NAMED_LIMITS, description: `At most ${MAX_NAMED_LIMITS}, names unique` });

const IdentityRef = Type.Object({ id: Id('idt'), externalId: Type.String() });

export const Key = Type.Object({
  id: Id('key'),
  projectId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  start: Type.String({ description: 'Prefix and first characters of the token', examples: ['fb_3kP9'] }),
  end: Type.String({ description: 'Last 4 characters of the token', examples: ['x7Qa'] }),
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('expired')]),
  enabled: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  createdBy: Nullable(UserRef),
  owner: Nullable(UserRef),
  groups: Type.Array(NamedRef),
  permissions: Type.Array(Type.String()),
  expiresAt: Nullable(IsoDateTime),
  lastUsedAt: Nullable(IsoDateTime),
  ipAllowlist: Type.Array(Type.String()),
  meta: Meta,
  ratelimit: Nullable(RateLimit),
  ratelimits: NamedLimits,
  remaining: Nullable(Type.Integer()),
  refill: Nullable(Refill),
  identity: Nullable(IdentityRef),
});

/** The settings a key can be created or edited with. */
export const keySettings = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  groupIds: Type.Optional(Type.Array(Id('grp'), { maxItems: 50, uniqueItems: true })),
  expiresAt: Type.Optional(Nullable(IsoDateTime)),
  ipAllowlist: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
  enabled: Type.Optional(Type.Boolean()),
  meta: Type.Optional(Meta),
  ratelimit: Type.Optional(Nullable(RateLimit)),
  ratelimits: Type.Optional(NamedLimitsInput),
  remaining: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }))),
  refill: Type.Optional(Nullable(Refill)),
  identityId: Type.Optional(Nullable(Id('idt'))),
  externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'The identity by your own id (instead of identityId)' })),
};

export const Identity = Type.Object({
  id: Id('idt'),
  externalId: Type.String(),
  meta: Meta,
  ratelimits: NamedLimits,
  remaining: Nullable(Type.Integer()),
  refill: Nullable(Refill),
  keyCount: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/** The settings an identity can be created or edited with. */
export const identitySettings = {
  externalId: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$', description: 'Your own id for the customer: unique', examples: ['acme-corp'] }),
  meta: Type.Optional(Meta),
  ratelimits: Type.Optional(NamedLimitsInput),
  remaining: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'A quota shared by its keys' }))),
  refill: Type.Optional(Nullable(Refill)),
};

export const IssuedKey = Type.Object({
  key: Key,
  token: Type.String({ description: 'The full token. Shown this once: store it now.' }),
});

export const VerificationCode = Type.Union(VERIFICATION_CODES.map((code) => Type.Literal(code)));

export const AuditEvent = Type.Object({
  id: Id('evt'),
  at: IsoDateTime,
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
  action: Type.String({ examples: ['key.created'] }),
  target: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export { Username };
