import type { Identity, Key } from '@keyward/sdk';
import { describe, expect, it } from 'vitest';
import { MANAGEMENT_PERMISSIONS as SERVER_PERMISSIONS } from '../../src/domain/permissions.ts';
import { emptyIdentityForm, identityFormErrors, identityFormFromIdentity, toIdentityCreateBody, toIdentityUpdateBody } from '../../web/src/model/identity-form.ts';
import { emptyKeyForm, keyFormErrors, keyFormFromKey, toCreateBody, toUpdateBody } from '../../web/src/model/key-form.ts';
import { MAX_META_BYTES, metaText, parseMeta } from '../../web/src/model/meta-json.ts';
import { limitRowErrors, limitRowsOf, limitsOfRows, limitWords, newLimitRow, sameLimits, windowWords } from '../../web/src/model/named-limits.ts';
import { MANAGEMENT_PERMISSIONS } from '../../web/src/model/permissions.ts';

// The console's identity and named-limit forms, without a browser: web/src/model.

const requests = { name: 'requests', limit: 100, durationMs: 60_000, autoApply: true };
const tokens = { name: 'tokens', limit: 5000, durationMs: 86_400_000, autoApply: false };

function keyWith(changes: Partial<Key>): Key {
  return {
    id: 'key_1', projectId: 'prj_1', name: 'crawler', description: '', start: 'fb_3kP9', end: 'x7Qa', status: 'active', enabled: true,
    createdAt: '2026-03-15T12:00:00.000Z', updatedAt: '2026-03-15T12:00:00.000Z', createdBy: null, owner: null, groups: [], permissions: [],
    expiresAt: null, lastUsedAt: null, ipAllowlist: [], meta: {}, ratelimit: null, ratelimits: [], remaining: null, refill: null, identity: null,
    ...changes,
  };
}

const identity: Identity = {
  id: 'idt_1', externalId: 'acme-corp', meta: { plan: 'pro' }, ratelimits: [requests], remaining: 500, refill: { amount: 500, interval: 'monthly' },
  keyCount: 2, createdAt: '2026-03-15T12:00:00.000Z', updatedAt: '2026-03-15T12:00:00.000Z',
};

describe('named limit rows', () => {
  it('turn the API’s limits into rows with windows in seconds, and back into the same limits', () => {
    const rows = limitRowsOf([requests, tokens]);
    expect(rows).toEqual([
      { name: 'requests', limit: 100, windowSeconds: 60, autoApply: true },
      { name: 'tokens', limit: 5000, windowSeconds: 86_400, autoApply: false },
    ]);
    expect(limitsOfRows(rows)).toEqual([requests, tokens]);
    // Typed values (strings from the inputs, a padded name) are read as the API wants them.
    expect(limitsOfRows([{ name: ' burst ', limit: '10', windowSeconds: '1', autoApply: true }])).toEqual([{ name: 'burst', limit: 10, durationMs: 1000, autoApply: true }]);
  });

  it('say what is wrong beside each field: a name the server refuses or repeats, a limit or window out of bounds', () => {
    const rows = [
      { name: 'Per Second', limit: 0, windowSeconds: 1, autoApply: true },
      { name: 'requests', limit: 10, windowSeconds: '', autoApply: true },
      { name: 'requests', limit: '', windowSeconds: 32 * 86_400, autoApply: false },
      newLimitRow(),
    ];
    expect(limitRowErrors(rows, { field: 'ratelimits' })).toEqual({
      'ratelimits.0.name': 'Lower-case letters, digits, _ and - (up to 32)',
      'ratelimits.0.limit': 'A whole number from 1 to 1,000,000,000',
      'ratelimits.1.windowSeconds': 'Give the window in seconds',
      'ratelimits.2.name': '"requests" is used twice',
      'ratelimits.2.limit': 'Give the verifications allowed per window',
      'ratelimits.2.windowSeconds': 'A whole number from 1 to 2,678,400',
      'ratelimits.3.name': 'Give the limit a name, e.g. requests',
      'ratelimits.3.limit': 'Give the verifications allowed per window',
    });
    expect(limitRowErrors(limitRowsOf([requests, tokens]), { field: 'ratelimits' })).toEqual({});
    const eleven = Array.from({ length: 11 }, (_, i) => ({ ...newLimitRow(), name: `l${i}`, limit: 1 }));
    expect(limitRowErrors(eleven, { field: 'ratelimits' })).toEqual({ ratelimits: 'At most 10 limits' });
  });

  it('compare by content, autoApply left out meaning true', () => {
    expect(sameLimits([requests], [{ name: 'requests', limit: 100, durationMs: 60_000 }])).toBe(true);
    expect(sameLimits([requests], [{ ...requests, limit: 101 }])).toBe(false);
    expect(sameLimits([requests, tokens], [tokens, requests])).toBe(false);
  });

  it('read in words', () => {
    expect(windowWords(1000)).toBe('1 s');
    expect(windowWords(90_000)).toBe('90 s');
    expect(windowWords(60_000)).toBe('1 min');
    expect(windowWords(7_200_000)).toBe('2 h');
    expect(windowWords(7 * 86_400_000)).toBe('7 days');
    expect(windowWords(1500)).toBe('1.5 s');
    expect(limitWords(requests)).toBe('requests: 100 per 1 min, every verification');
    expect(limitWords(tokens)).toBe('tokens: 5,000 per 1 day, when a verification names it');
  });
});

describe('meta typed as JSON', () => {
  it('takes an object, or nothing for none', () => {
    expect(parseMeta('')).toEqual({ meta: {} });
    expect(parseMeta('  \n ')).toEqual({ meta: {} });
    expect(parseMeta('{"plan": "pro", "seats": 5}')).toEqual({ meta: { plan: 'pro', seats: 5 } });
  });

  it('refuses unreadable JSON, what is not an object, and more than the server keeps', () => {
    expect(parseMeta('{"plan": pro}').error).toMatch(/^Not valid JSON: /);
    expect(parseMeta('[1, 2]').error).toBe('Meta is a JSON object, e.g. {"plan": "pro"}, not an array');
    expect(parseMeta('null').error).toBe('Meta is a JSON object, e.g. {"plan": "pro"}, not null');
    expect(parseMeta('"pro"').error).toBe('Meta is a JSON object, e.g. {"plan": "pro"}, not a string');
    const big = JSON.stringify({ note: 'x'.repeat(MAX_META_BYTES) });
    expect(parseMeta(big).error).toBe(`At most 4,096 bytes of JSON (this is ${big.length.toLocaleString('en')})`);
    // Bytes, not characters: the server counts UTF-8.
    const wide = JSON.stringify({ note: 'é'.repeat(2100) });
    expect(wide.length).toBeLessThan(MAX_META_BYTES);
    expect(parseMeta(wide).error).toMatch(/^At most 4,096 bytes/);
  });

  it('shows what an identity has as indented JSON, none as empty', () => {
    expect(metaText({})).toBe('');
    expect(metaText({ plan: 'pro' })).toBe('{\n  "plan": "pro"\n}');
    expect(parseMeta(metaText({ plan: 'pro', limits: [1, 2] })).meta).toEqual({ plan: 'pro', limits: [1, 2] });
  });
});

describe('the identity form', () => {
  it('asks for an external id and says what is wrong with the meta and each limit at its field', () => {
    const errors = identityFormErrors({ ...emptyIdentityForm(), meta: '[]', ratelimits: [{ ...newLimitRow(), name: 'requests' }], refillAmount: 10 });
    expect(Object.fromEntries(Object.entries(errors).filter(([, error]) => error))).toEqual({
      externalId: 'Give your own id for this customer, e.g. acme-corp',
      meta: 'Meta is a JSON object, e.g. {"plan": "pro"}, not an array',
      'ratelimits.0.limit': 'Give the verifications allowed per window',
      refillAmount: 'A refill needs a quota: set the verifications left too',
    });
  });

  it('creates with the meta parsed and the limits as the API takes them', () => {
    const values = { ...emptyIdentityForm(), externalId: ' acme-corp ', meta: '{"plan": "pro"}', ratelimits: limitRowsOf([requests, tokens]), remaining: 500 };
    expect(toIdentityCreateBody(values)).toEqual({ externalId: 'acme-corp', meta: { plan: 'pro' }, ratelimits: [requests, tokens], remaining: 500 });
  });

  it('sends the limits, quota and refill only when changed, so an edit does not undo what the keys spent', () => {
    const before = identityFormFromIdentity(identity);
    expect(before).toMatchObject({ externalId: 'acme-corp', meta: '{\n  "plan": "pro"\n}', remaining: 500, refillAmount: 500, refillInterval: 'monthly' });
    expect(toIdentityUpdateBody({ ...before, externalId: 'acme' }, before)).toEqual({ externalId: 'acme', meta: { plan: 'pro' } });
    const changed = { ...before, meta: '', ratelimits: [...before.ratelimits, limitRowsOf([tokens])[0]!], remaining: 10 };
    expect(toIdentityUpdateBody(changed, before)).toEqual({ externalId: 'acme-corp', meta: {}, ratelimits: [requests, tokens], remaining: 10 });
    expect(toIdentityUpdateBody({ ...before, ratelimits: [], refillAmount: '' }, before)).toMatchObject({ ratelimits: [], refill: null });
  });
});

describe('named limits and the identity in the key form', () => {
  it('keeps the single rate limit as the limit named default, and every other limit as a row', () => {
    const key = keyWith({ ratelimits: [{ name: 'default', limit: 10, durationMs: 60_000, autoApply: true }, tokens], identity: { id: 'idt_1', externalId: 'acme-corp' } });
    const form = keyFormFromKey(key);
    expect(form).toMatchObject({ ratelimitLimit: 10, ratelimitWindowSeconds: 60, ratelimits: limitRowsOf([tokens]), externalId: 'acme-corp' });
    // A `default` applied only when named is not the single "every verification" field: it stays a row.
    const manual = { name: 'default', limit: 5, durationMs: 1000, autoApply: false };
    expect(keyFormFromKey(keyWith({ ratelimits: [manual] }))).toMatchObject({ ratelimitLimit: '', ratelimits: limitRowsOf([manual]) });
  });

  it('creates with the single limit and the rows as one list of named limits, and the identity by its external id', () => {
    const values = emptyKeyForm({ projectId: 'prj_1', ratelimitLimit: 10, ratelimitWindowSeconds: 60, ratelimits: limitRowsOf([requests, tokens]), externalId: ' acme-corp ' });
    expect(toCreateBody(values)).toMatchObject({
      ratelimits: [{ name: 'default', limit: 10, durationMs: 60_000, autoApply: true }, requests, tokens],
      externalId: 'acme-corp',
    });
    const bare = toCreateBody(emptyKeyForm({ projectId: 'prj_1' }));
    expect(bare).not.toHaveProperty('ratelimits');
    expect(bare).not.toHaveProperty('ratelimit');
    expect(bare).not.toHaveProperty('externalId');
  });

  it('edits the limits and the identity only when changed (setting an identity needs identities.write)', () => {
    const before = keyFormFromKey(keyWith({ ratelimits: [requests], identity: { id: 'idt_1', externalId: 'acme-corp' } }));
    const renamed = toUpdateBody({ ...before, name: 'renamed' }, before);
    expect(renamed).not.toHaveProperty('ratelimits');
    expect(renamed).not.toHaveProperty('identityId');
    expect(renamed).not.toHaveProperty('externalId');
    expect(toUpdateBody({ ...before, ratelimits: [] }, before)).toMatchObject({ ratelimits: [] });
    expect(toUpdateBody({ ...before, ratelimitLimit: 10, ratelimitWindowSeconds: 60 }, before)).toMatchObject({
      ratelimits: [{ name: 'default', limit: 10, durationMs: 60_000, autoApply: true }, requests],
    });
    expect(toUpdateBody({ ...before, externalId: 'globex' }, before)).toMatchObject({ externalId: 'globex' });
    expect(toUpdateBody({ ...before, externalId: '' }, before)).toMatchObject({ identityId: null });
  });

  it('refuses a row named default beside the single rate limit, and more than ten limits in all', () => {
    const values = emptyKeyForm({ ratelimitLimit: 10, ratelimitWindowSeconds: 60, ratelimits: [{ name: 'default', limit: 1, windowSeconds: 1, autoApply: true }] });
    expect(keyFormErrors(values, 'edit')).toEqual({ 'ratelimits.0.name': '"default" is the rate limit above: give this one another name' });
    expect(keyFormErrors({ ...values, ratelimitLimit: '', ratelimitWindowSeconds: '' }, 'edit')).toEqual({});
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...newLimitRow(), name: `l${i}`, limit: 1 }));
    expect(keyFormErrors({ ...values, ratelimits: ten }, 'edit')).toEqual({ ratelimits: 'At most 10 limits, the rate limit above included' });
  });
});

describe('the group editor’s management permissions', () => {
  it('are the server’s, in its order (identities.read, identities.write and portal.write included)', () => {
    expect(MANAGEMENT_PERMISSIONS.map((permission) => permission.name)).toEqual([...SERVER_PERMISSIONS]);
    expect(MANAGEMENT_PERMISSIONS.map((permission) => permission.name)).toEqual(expect.arrayContaining(['identities.read', 'identities.write', 'portal.write']));
  });
});
