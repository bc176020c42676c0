import { describe, expect, it } from 'vitest';
import { grantsCover, grantsCoverAll, intersectGrants, missingPermissions, unionGrants } from './permissions.ts';

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
