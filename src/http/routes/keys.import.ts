import { Type } from 'typebox';
import { importKeys } from '../../services/imported-keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { Id, managementSecurity, problemResponses, Username } from '../schemas/common.ts';
import { Key, keySettings } from '../schemas/resources.ts';

/** At most this many keys per call, imported all or nothing. */
export const MAX_IMPORT_KEYS = 1000;
// A thousand keys with names and some meta; larger imports are split into several calls.
const IMPORT_BODY_LIMIT_BYTES = 1024 * 1024;

const ImportedHash = Type.Object(
  {
    algorithm: Type.Literal('sha256', { description: 'The only algorithm taken: SHA-256 of the whole token' }),
    encoding: Type.Union([Type.Literal('hex'), Type.Literal('base64')], { description: 'hex (64 characters), or base64 (standard or URL-safe, padding optional)' }),
    value: Type.String({ minLength: 1, maxLength: 100, examples: ['n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg='] }),
  },
  { additionalProperties: false },
);

const ImportedKey = Type.Object(
  {
    hash: ImportedHash,
    name: keySettings.name,
    description: keySettings.description,
    ownerId: Type.Optional(Id('usr')),
    owner: Type.Optional(Username),
    groupIds: keySettings.groupIds,
    expiresAt: keySettings.expiresAt,
    enabled: keySettings.enabled,
    meta: keySettings.meta,
  },
  { additionalProperties: false },
);

const Body = Type.Object(
  {
    projectId: Id('prj'),
    keys: Type.Array(ImportedKey, { minItems: 1, maxItems: MAX_IMPORT_KEYS }),
  },
  { additionalProperties: false },
);

const ImportResult = Type.Object({
  imported: Type.Integer({ description: 'How many keys were imported (all of them)' }),
  keys: Type.Array(Key, { description: 'The imported keys, in the order given; start is "(imported)" until first use' }),
});

/** POST /v1/keys/import: keys issued by another system, by the SHA-256 of their tokens. */
export function registerKeysImport(app: App): void {
  app.post('/v1/keys/import', {
    config: { auth: 'management', permission: 'keys.write' },
    bodyLimit: IMPORT_BODY_LIMIT_BYTES,
    schema: {
      tags: ['keys'],
      summary: 'Import keys from another system',
      description: 'Up to 1,000 keys per call, all or nothing (any problem imports none and lists each bad row by path). Each key verifies with its original token; on its first successful verification the stored SHA-256 is replaced by our keyed hash and start/end are filled in from the token. A hash already imported is 409; unknown owners 422 OWNER_NOT_FOUND; unknown groups 422 GROUP_NOT_FOUND; groups beyond what you hold 403. Body up to 1 MiB.',
      security: managementSecurity,
      body: Body,
      response: { 201: ImportResult, ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(await importKeys(app.services, actorOf(request), request.body)));
}
