import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantCovers, grantsCover, grantsCoverAll, intersectGrants, missingPermissions, PERMISSION_PATTERN, unionGrants } from './permissions.ts';

describe('permissions', () => {
  it('covers exact grants and everything under *', () => {
    expect(grantsCover(['keys.read'], 'keys.read')).toBe(true);
    expect(grantsCover(['keys.read'], 'keys.write')).toBe(false);
    expect(grantsCover(['*'], 'anything.at:all')).toBe(true);
    expect(grantsCover([], 'keys.read')).toBe(false);
  });

  it('needs every required permission', () => {
    expect(grantsCoverAll(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(grantsCoverAll(['a'], ['a', 'b'])).toBe(false);
    expect(missingPermissions(['a'], ['a', 'b', 'c'])).toEqual(['b', 'c']);
  });

  it('intersects holders, * meeting anything', () => {
    expect(intersectGrants(['*'], ['keys.read'])).toEqual(['keys.read']);
    expect(intersectGrants(['keys.read', 'keys.write'], ['keys.read'])).toEqual(['keys.read']);
    expect(intersectGrants(['a'], ['b'])).toEqual([]);
    expect(unionGrants([['b', 'a'], ['a', 'c']])).toEqual(['a', 'b', 'c']);
  });
});

describe('namespace wildcards', () => {
  it.each([
    ['orders.*', 'orders.read'],
    ['orders.*', 'orders.refunds.create'],
    ['orders.*', 'orders.*'],
    ['orders.*', 'orders.refunds.*'],
    ['orders.refunds.*', 'orders.refunds.create'],
    ['keys.*', 'keys.verify'],
    ['*', 'orders.*'],
    ['*', '*'],
  ])('%s covers %s', (grant, required) => {
    expect(grantCovers(grant, required)).toBe(true);
  });

  it.each([
    ['orders.*', 'orders'],
    ['orders.*', 'ordersx.read'],
    ['orders.*', 'orders.'],
    ['orders.*', 'billing.read'],
    ['orders.*', '*'],
    ['orders.refunds.*', 'orders.read'],
    ['orders.refunds.*', 'orders.*'],
    ['orders.read', 'orders.*'],
    ['orders', 'orders.read'],
    ['orders.read', 'orders.read.more'],
    ['orders:*', 'orders:read'],
  ])('%s does not cover %s', (grant, required) => {
    expect(grantCovers(grant, required)).toBe(false);
  });

  it('accepts ns.* and * as grants, and no other use of *', () => {
    const pattern = new RegExp(PERMISSION_PATTERN);
    for (const ok of ['*', 'orders.*', 'orders.refunds.*', 'a.*', 'feedback.write', 'x:y-z_1']) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['orders*', '*.read', 'orders.*.read', '.*', 'orders.**', 'Orders.*', '**', 'orders. *']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('no escalation: holding orders.read cannot grant orders.*; holding orders.* can grant orders.read and orders.*', () => {
    expect(missingPermissions(['orders.read'], ['orders.*'])).toEqual(['orders.*']);
    expect(missingPermissions(['orders.read', 'orders.write'], ['orders.*'])).toEqual(['orders.*']);
    expect(missingPermissions(['orders.*'], ['orders.read', 'orders.*', 'orders.refunds.*'])).toEqual([]);
    expect(missingPermissions(['orders.*'], ['*', 'orders', 'ordersx.read'])).toEqual(['*', 'orders', 'ordersx.read']);
    expect(missingPermissions(['orders.refunds.*'], ['orders.*'])).toEqual(['orders.*']);
  });

  it('intersects wildcards to what both cover', () => {
    expect(intersectGrants(['orders.*'], ['orders.read', 'billing.*'])).toEqual(['orders.read']);
    expect(intersectGrants(['orders.*'], ['orders.refunds.*'])).toEqual(['orders.refunds.*']);
    expect(intersectGrants(['orders.*'], ['ordersx.*', 'orders'])).toEqual([]);
    expect(intersectGrants(['*'], ['orders.*'])).toEqual(['orders.*']);
    expect(intersectGrants(['keys.*'], ['*'])).toEqual(['keys.*']);
  });

  // Names and grants from a small alphabet, so that namespaces overlap often.
  const segment = fc.constantFrom('a', 'b', 'ab');
  const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
  const grant = fc.oneof(name, name.map((n) => `${n}.*`), fc.constant('*'));
  const requirement = fc.oneof(name, name.map((n) => `${n}.*`));

  it('intersectGrants covers exactly what both sides cover (property)', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 5 }), fc.array(grant, { maxLength: 5 }), fc.array(requirement, { minLength: 1, maxLength: 10 }), (a, b, probes) => {
        const both = intersectGrants(a, b);
        for (const probe of probes) expect(grantsCover(both, probe)).toBe(grantsCover(a, probe) && grantsCover(b, probe));
      }),
      { numRuns: 1000, seed: 0x5eed },
    );
  });

  it('a wildcard requirement is covered only by grants covering every name under it (property)', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 5 }), name, fc.array(segment, { minLength: 1, maxLength: 2 }), (grants, namespace, tail) => {
        // If the grants cover `ns.*`, they cover any name under ns.
        if (grantsCover(grants, `${namespace}.*`)) expect(grantsCover(grants, `${namespace}.${tail.join('.')}`)).toBe(true);
      }),
      { numRuns: 1000, seed: 0x5eed },
    );
  });
});
