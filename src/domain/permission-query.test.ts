import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_LENGTH,
  parsePermissionQuery,
  parsePermissionRequirement,
  queryAllows,
  type PermissionQuery,
} from './permission-query.ts';

// Fixed seed: a failure replays the same way (fast-check prints the seed and path to replay).
const RUNS = { numRuns: 500, seed: 0x9e3779b1 };

/** An independent matcher: a wildcard grant as a regular expression over the whole name. */
function referenceCovers(grants: readonly string[], name: string): boolean {
  return grants.some((grant) => {
    if (grant === '*' || grant === name) return true;
    if (!grant.endsWith('.*')) return false;
    const namespace = grant.slice(0, -1).replace(/[.]/g, '\\.');
    return new RegExp(`^${namespace}.+$`).test(name);
  });
}

/**
 * The straightforward reference: swap every name for true or false, AND for &&, OR for ||,
 * and let JavaScript's own precedence (&& before ||) and parentheses decide.
 */
function referenceEvaluate(text: string, grants: readonly string[]): boolean {
  const js = text
    .split(/(\s+|\(|\))/)
    .map((part) => {
      if (part.trim() === '') return ' ';
      if (part === '(' || part === ')') return part;
      if (/^and$/i.test(part)) return '&&';
      if (/^or$/i.test(part)) return '||';
      return String(referenceCovers(grants, part));
    })
    .join('');
  return new Function(`return (${js});`)() as boolean;
}

const NAMES = ['orders', 'orders.read', 'orders.write', 'orders.refunds.create', 'orders.*', 'orders.refunds.*', 'ordersx.read', 'refunds.create', 'refunds.admin', 'billing.read', '*'];
const GRANTS = ['*', 'orders.*', 'orders.read', 'orders.refunds.*', 'refunds.admin', 'billing.*', 'ordersx.read', 'orders'];

type Printed = { kind: 'permission'; name: string } | { kind: 'and' | 'or'; operands: Printed[]; keywords: string[]; spaces: string[]; wrap: boolean };

const keyword = (word: 'AND' | 'OR') => fc.constantFrom(word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase());
const space = fc.constantFrom(' ', '  ', '\t', '\n', ' \r\n ');

/** Random query trees with random keyword case, whitespace and redundant parentheses. */
const printedQuery: fc.Arbitrary<Printed> = fc.letrec<{ node: Printed; leaf: Printed; and: Printed; or: Printed }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('and'), tie('or')),
  leaf: fc.constantFrom(...NAMES).map((name) => ({ kind: 'permission' as const, name })),
  and: fc.record({
    kind: fc.constant('and' as const),
    operands: fc.array(tie('node'), { minLength: 2, maxLength: 4 }),
    keywords: fc.array(keyword('AND'), { minLength: 4, maxLength: 4 }),
    spaces: fc.array(space, { minLength: 8, maxLength: 8 }),
    wrap: fc.boolean(),
  }),
  or: fc.record({
    kind: fc.constant('or' as const),
    operands: fc.array(tie('node'), { minLength: 2, maxLength: 4 }),
    keywords: fc.array(keyword('OR'), { minLength: 4, maxLength: 4 }),
    spaces: fc.array(space, { minLength: 8, maxLength: 8 }),
    wrap: fc.boolean(),
  }),
})).node;

/** The query as text: parentheses where precedence needs them (OR under AND), and where `wrap` asks. */
function print(node: Printed, parent: 'and' | 'or' | 'top' = 'top'): string {
  if (node.kind === 'permission') return node.name;
  const body = node.operands
    .map((operand, i) => (i === 0 ? '' : `${node.spaces[2 * i - 1]}${node.keywords[i - 1]}${node.spaces[2 * i]}`) + print(operand, node.kind))
    .join('');
  return node.wrap || (node.kind === 'or' && parent === 'and') ? `(${node.spaces[0]}${body})` : body;
}

/** The tree's own meaning, evaluated directly. */
function meaning(node: Printed, grants: readonly string[]): boolean {
  if (node.kind === 'permission') return referenceCovers(grants, node.name);
  return node.kind === 'and' ? node.operands.every((o) => meaning(o, grants)) : node.operands.some((o) => meaning(o, grants));
}

function countNames(node: Printed): number {
  return node.kind === 'permission' ? 1 : node.operands.reduce((sum, o) => sum + countNames(o), 0);
}

const parse = (text: string): PermissionQuery => {
  const parsed = parsePermissionQuery(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return parsed.query;
};

describe('parsePermissionQuery and queryAllows', () => {
  it('agree with a straightforward reference evaluation on random queries and grant sets', () => {
    fc.assert(
      fc.property(printedQuery, fc.subarray(GRANTS), (tree, grants) => {
        const text = print(tree);
        fc.pre(text.length <= MAX_QUERY_LENGTH && countNames(tree) <= 100);
        const query = parse(text);
        const expected = referenceEvaluate(text, grants);
        expect(queryAllows(grants, query)).toBe(expected);
        expect(meaning(tree, grants)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('never throws on random input: any string parses or gives an error with a position inside it', () => {
    const queryish = fc.string({ unit: fc.constantFrom('(', ')', ' ', '\t', 'a', 'b.c', '.', '*', 'x.*', 'AND', 'OR', 'and', 'or', 'Ä', '\u0000', '🔑'), maxLength: 400 });
    const anything = fc.string({ unit: 'binary', maxLength: 1200 });
    fc.assert(
      fc.property(fc.oneof(queryish, anything), (text) => {
        const parsed = parsePermissionQuery(text);
        if (!parsed.ok) {
          expect(Number.isInteger(parsed.error.position)).toBe(true);
          expect(parsed.error.position).toBeGreaterThanOrEqual(0);
          expect(parsed.error.position).toBeLessThanOrEqual(Math.min(text.length, MAX_QUERY_LENGTH));
          expect(parsed.error.message).toContain(`at position ${parsed.error.position}`);
        }
      }),
      { ...RUNS, numRuns: 2000 },
    );
  });

  it('never throws on valid queries with one character removed or inserted', () => {
    fc.assert(
      fc.property(printedQuery, fc.nat(), fc.constantFrom('', '(', ')', ' ', 'x', 'AND'), (tree, at, insert) => {
        const text = print(tree);
        const cut = at % (text.length + 1);
        const mutated = text.slice(0, cut) + insert + text.slice(cut + (insert === '' ? 1 : 0));
        const parsed = parsePermissionQuery(mutated);
        if (!parsed.ok) expect(parsed.error.position).toBeLessThanOrEqual(mutated.length);
      }),
      RUNS,
    );
  });

  it('binds AND tighter than OR, reads keywords in any case, and honours parentheses', () => {
    expect(parse('a OR b AND c')).toEqual({ kind: 'or', operands: [{ kind: 'permission', name: 'a' }, { kind: 'and', operands: [{ kind: 'permission', name: 'b' }, { kind: 'permission', name: 'c' }] }] });
    expect(parse('(a or b) And c')).toEqual({ kind: 'and', operands: [{ kind: 'or', operands: [{ kind: 'permission', name: 'a' }, { kind: 'permission', name: 'b' }] }, { kind: 'permission', name: 'c' }] });
    expect(parse('((orders.read))')).toEqual({ kind: 'permission', name: 'orders.read' });
    expect(queryAllows(['a'], parse('a OR b AND c'))).toBe(true);
    expect(queryAllows(['a'], parse('(a OR b) AND c'))).toBe(false);
    const example = parse('orders.read AND (refunds.create OR refunds.admin)');
    expect(queryAllows(['orders.read', 'refunds.admin'], example)).toBe(true);
    expect(queryAllows(['orders.*', 'refunds.*'], example)).toBe(true);
    expect(queryAllows(['orders.read'], example)).toBe(false);
  });

  it.each([
    ['', 0, 'expected a permission name or "(", found the end of the query'],
    ['   ', 3, 'expected a permission name or "(", found the end of the query'],
    ['orders.read AND', 15, 'expected a permission name or "(", found the end of the query'],
    ['orders.read AND (refunds.create OR refunds.admin', 48, 'expected ")" to close the "(" at position 16'],
    ['a b', 2, 'expected AND, OR or the end of the query, found "b"'],
    ['a AND OR b', 6, 'expected a permission name or "(", found "OR"'],
    [')', 0, 'found ")"'],
    ['()', 1, 'found ")"'],
    ['a AND Orders.Read', 6, '"Orders.Read" is neither a permission name'],
    ['a && b', 2, '"&&" is neither a permission name'],
    ['orders.*.read', 0, 'is neither a permission name'],
  ])('reports %j as malformed at position %i', (text, position, message) => {
    const parsed = parsePermissionQuery(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.position).toBe(position);
    expect(parsed.error.message).toContain(message);
    expect(parsed.error.message).toContain(`at position ${position}`);
  });

  it('refuses more than 1,000 characters and more than 100 names', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
    const thousandAndOne = parsePermissionQuery(names(1001).join(' OR '));
    expect(thousandAndOne).toMatchObject({ ok: false, error: { position: MAX_QUERY_LENGTH } });
    const short = (n: number) => Array.from({ length: n }, () => 'a').join(' OR ');
    expect(short(100).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(parsePermissionQuery(short(100)).ok).toBe(true);
    const tooMany = parsePermissionQuery(short(101));
    expect(tooMany).toMatchObject({ ok: false, error: { position: 100 * 5 } });
    expect(parsePermissionQuery('a'.repeat(MAX_QUERY_LENGTH)).ok).toBe(false); // one name of 1,000 characters
    expect(parsePermissionQuery(`${'('.repeat(499)}a${')'.repeat(499)}`).ok).toBe(true); // deep, yet within the stack
  });
});

describe('parsePermissionRequirement', () => {
  it('keeps a plain permission a permission, even one named like a keyword', () => {
    expect(parsePermissionRequirement(['orders.read'])).toEqual({ ok: true, requirement: { all: ['orders.read'] } });
    expect(parsePermissionRequirement(['and'])).toEqual({ ok: true, requirement: { all: ['and'] } });
    expect(parsePermissionRequirement(['orders.*'])).toEqual({ ok: true, requirement: { all: ['orders.*'] } });
  });

  it('turns AND-only queries into a plain list and keeps OR queries as queries, all required together', () => {
    expect(parsePermissionRequirement(['a AND (b AND c)'])).toEqual({ ok: true, requirement: { all: ['a', 'b', 'c'] } });
    expect(parsePermissionRequirement(['a AND b', 'c'])).toEqual({ ok: true, requirement: { all: ['a', 'b', 'c'] } });
    const mixed = parsePermissionRequirement(['a', 'b OR c', 'd OR e']);
    expect(mixed).toMatchObject({ ok: true, requirement: { all: ['a'], query: { kind: 'and' } } });
  });

  it('tells which value is malformed, and counts names across values', () => {
    expect(parsePermissionRequirement(['a', 'b OR'])).toMatchObject({ ok: false, index: 1, error: { position: 4 } });
    const fifty = Array.from({ length: 50 }, (_, i) => `p${i}`).join(' OR ');
    expect(parsePermissionRequirement([fifty, fifty]).ok).toBe(true);
    expect(parsePermissionRequirement([fifty, fifty, 'one.more'])).toMatchObject({ ok: false, index: 2 });
  });
});
