import { describe, expect, it } from 'vitest';
import { parseAllowlist } from './ip-allowlist.ts';
import { decideVerification, keyStatus, type VerifiableKey } from './verification.ts';

const now = Date.parse('2026-06-01T00:00:00Z');
const key: VerifiableKey = {
  id: 'key_1',
  projectId: 'prj_1',
  ownerId: null,
  enabled: true,
  expiresAt: null,
  secretExpiresAt: null,
  allowlist: [],
  permissions: ['orders.read'],
  meta: {},
};

describe('decideVerification', () => {
  it('walks the checks in order', () => {
    expect(decideVerification(undefined, { permissions: [] }, now)).toBe('NOT_FOUND');
    expect(decideVerification(key, { permissions: [] }, now)).toBe('VALID');
    expect(decideVerification(key, { projectId: 'prj_2', permissions: [] }, now)).toBe('NOT_FOUND');
    expect(decideVerification({ ...key, secretExpiresAt: now }, { permissions: [] }, now)).toBe('NOT_FOUND');
    expect(decideVerification({ ...key, secretExpiresAt: now + 1 }, { permissions: [] }, now)).toBe('VALID');
    expect(decideVerification({ ...key, enabled: false, expiresAt: now }, { permissions: [] }, now)).toBe('DISABLED');
    expect(decideVerification({ ...key, expiresAt: now }, { permissions: [] }, now)).toBe('EXPIRED');
    const fenced = { ...key, allowlist: parseAllowlist(['10.0.0.0/8']) };
    expect(decideVerification(fenced, { permissions: [], ip: '10.1.2.3' }, now)).toBe('VALID');
    expect(decideVerification(fenced, { permissions: [], ip: '11.1.2.3' }, now)).toBe('IP_NOT_ALLOWED');
    expect(decideVerification(key, { permissions: ['orders.write'] }, now)).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('names statuses', () => {
    expect(keyStatus(true, null, now)).toBe('active');
    expect(keyStatus(false, null, now)).toBe('inactive');
    expect(keyStatus(false, now - 1, now)).toBe('expired');
    expect(keyStatus(true, now + 1, now)).toBe('active');
  });
});

describe('decideVerification with wildcards and queries', () => {
  const wild = { ...key, permissions: ['orders.*', 'refunds.admin'] };
  it('covers namespaces and evaluates the query after the list', () => {
    expect(decideVerification(wild, { permissions: ['orders.refunds.create'] }, now)).toBe('VALID');
    expect(decideVerification(wild, { permissions: ['ordersx.read'] }, now)).toBe('INSUFFICIENT_PERMISSIONS');
    const either = { kind: 'or' as const, operands: [{ kind: 'permission' as const, name: 'billing.read' }, { kind: 'permission' as const, name: 'refunds.admin' }] };
    expect(decideVerification(wild, { permissions: ['orders.read'], query: either }, now)).toBe('VALID');
    expect(decideVerification(wild, { permissions: ['billing.read'], query: either }, now)).toBe('INSUFFICIENT_PERMISSIONS');
    expect(decideVerification({ ...wild, permissions: ['orders.read'] }, { permissions: [], query: either }, now)).toBe('INSUFFICIENT_PERMISSIONS');
  });
});
