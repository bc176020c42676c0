import { grantsCover, PERMISSION_PATTERN } from './permissions.ts';

/**
 * A permission query as verification takes it: `orders.read AND (refunds.create OR
 * refunds.admin)`. `AND` binds tighter than `OR`; keywords are case-insensitive; names are
 * permission strings (wildcards included, with the meaning `grantCovers` gives them).
 *
 *     query   := or <end>
 *     or      := and ( "OR" and )*
 *     and     := operand ( "AND" operand )*
 *     operand := NAME | "(" or ")"
 */
export type PermissionQuery =
  | { kind: 'permission'; name: string }
  | { kind: 'and' | 'or'; operands: PermissionQuery[] };

/** Where a query went wrong: `position` is the 0-based offset of the offending character. */
export type QueryError = { position: number; message: string };

export type QueryParse = { ok: true; query: PermissionQuery } | { ok: false; error: QueryError };

// Bounds the work one request can ask for. The length cap also bounds the nesting depth, so
// the recursive descent below cannot exhaust the stack (about 500 open parentheses at most).
export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_NAMES = 100;

const PERMISSION = new RegExp(PERMISSION_PATTERN);
const MAX_NAME_LENGTH = 64;

/** Whether a string is one permission name (or wildcard), as opposed to a query. */
export function isPermissionName(text: string): boolean {
  return text.length <= MAX_NAME_LENGTH && PERMISSION.test(text);
}

type Token =
  | { type: 'name'; text: string; position: number }
  | { type: 'and' | 'or' | '(' | ')'; text: string; position: number }
  | { type: 'end'; text: ''; position: number };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function describeToken(token: Token): string {
  return token.type === 'end' ? 'the end of the query' : `"${token.text}"`;
}

function fail(position: number, message: string): { ok: false; error: QueryError } {
  return { ok: false, error: { position, message: `${message} at position ${position}` } };
}

/** Splits a query into tokens, refusing unknown words and too many names. */
function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: QueryError } {
  const tokens: Token[] = [];
  let names = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (WHITESPACE.has(char)) {
      i++;
      continue;
    }
    if (char === '(' || char === ')') {
      tokens.push({ type: char, text: char, position: i });
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !WHITESPACE.has(text[i]!) && text[i] !== '(' && text[i] !== ')') i++;
    const word = text.slice(start, i);
    const keyword = word.toLowerCase();
    if (keyword === 'and' || keyword === 'or') {
      tokens.push({ type: keyword, text: word, position: start });
    } else if (isPermissionName(word)) {
      if (++names > MAX_QUERY_NAMES) return fail(start, `a query may name at most ${MAX_QUERY_NAMES} permissions; this is one more`);
      tokens.push({ type: 'name', text: word, position: start });
    } else {
      return fail(start, `"${word.length > 70 ? `${word.slice(0, 64)}…` : word}" is neither a permission name, AND, OR nor a parenthesis`);
    }
  }
  tokens.push({ type: 'end', text: '', position: text.length });
  return { ok: true, tokens };
}

/** A recursive-descent parser over the tokens; it reports the first token it cannot use. */
class Parser {
  readonly #tokens: Token[];
  #next = 0;
  error: QueryError | undefined;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  get #peek(): Token {
    return this.#tokens[this.#next]!;
  }

  #expected(what: string): undefined {
    const token = this.#peek;
    this.error ??= fail(token.position, `expected ${what}, found ${describeToken(token)}`).error;
    return undefined;
  }

  parseQuery(): PermissionQuery | undefined {
    const query = this.#parseOr();
    if (query && this.#peek.type !== 'end') return this.#expected('AND, OR or the end of the query');
    return query;
  }

  #parseOr(): PermissionQuery | undefined {
    return this.#parseList('or', () => this.#parseAnd());
  }

  #parseAnd(): PermissionQuery | undefined {
    return this.#parseList('and', () => this.#parseOperand());
  }

  // `a OP b OP c` as one node with three operands; a single operand stands for itself.
  #parseList(kind: 'and' | 'or', operand: () => PermissionQuery | undefined): PermissionQuery | undefined {
    const first = operand();
    if (!first) return undefined;
    const operands = [first];
    while (this.#peek.type === kind) {
      this.#next++;
      const next = operand();
      if (!next) return undefined;
      operands.push(next);
    }
    return operands.length === 1 ? first : { kind, operands };
  }

  #parseOperand(): PermissionQuery | undefined {
    const token = this.#peek;
    if (token.type === 'name') {
      this.#next++;
      return { kind: 'permission', name: token.text };
    }
    if (token.type !== '(') return this.#expected('a permission name or "("');
    this.#next++;
    const inner = this.#parseOr();
    if (!inner) return undefined;
    if (this.#peek.type !== ')') return this.#expected(`")" to close the "(" at position ${token.position}`);
    this.#next++;
    return inner;
  }
}

/**
 * Parses a permission query. Never throws: any input gives either a query or an error with
 * the position of the first thing that is wrong.
 *
 * @example parsePermissionQuery('a.read AND (b.x OR b.y)') // { ok: true, query: {kind: 'and', …} }
 * @example parsePermissionQuery('a.read AND') // { ok: false, error: { position: 10, … } }
 */
export function parsePermissionQuery(text: string): QueryParse {
  if (text.length > MAX_QUERY_LENGTH) {
    return fail(MAX_QUERY_LENGTH, `a query may be at most ${MAX_QUERY_LENGTH} characters long; it goes on`);
  }
  const tokenized = tokenize(text);
  if (!tokenized.ok) return tokenized;
  const parser = new Parser(tokenized.tokens);
  const query = parser.parseQuery();
  if (!query) return { ok: false, error: parser.error ?? { position: 0, message: 'the query is not valid at position 0' } };
  return { ok: true, query };
}

/** Whether grants satisfy a query (wildcard grants cover as `grantCovers` says). */
export function queryAllows(grants: readonly string[], query: PermissionQuery): boolean {
  switch (query.kind) {
    case 'permission':
      return grantsCover(grants, query.name);
    case 'and':
      return query.operands.every((operand) => queryAllows(grants, operand));
    case 'or':
      return query.operands.some((operand) => queryAllows(grants, operand));
  }
}

/**
 * What a verification asks of a key's grants: every permission of `all`, and `query` when
 * there is one. A query made only of names and ANDs becomes `all`, so the common cases stay a
 * plain list check.
 */
export type PermissionRequirement = { all: string[]; query?: PermissionQuery };

/** The names of a query that is nothing but names joined by AND (at any depth), else undefined. */
function conjunctionNames(query: PermissionQuery, names: string[] = []): string[] | undefined {
  if (query.kind === 'permission') {
    names.push(query.name);
    return names;
  }
  if (query.kind === 'or') return undefined;
  for (const operand of query.operands) {
    if (!conjunctionNames(operand, names)) return undefined;
  }
  return names;
}

export type RequirementParse =
  | { ok: true; requirement: PermissionRequirement }
  | { ok: false; index: number; error: QueryError };

/**
 * Reads required permissions given as strings, each a permission name or a query, all of
 * which must hold (forward-auth's repeatable `?permission=`, or verification's one string).
 * A string that is a permission name means that permission, even `and` or `or`. At most
 * `MAX_QUERY_NAMES` names in all; `index` tells which string an error is in.
 */
export function parsePermissionRequirement(values: readonly string[]): RequirementParse {
  const all: string[] = [];
  const queries: PermissionQuery[] = [];
  let names = 0;
  for (const [index, value] of values.entries()) {
    if (isPermissionName(value)) {
      if (++names > MAX_QUERY_NAMES) return { ok: false, index, error: fail(0, `at most ${MAX_QUERY_NAMES} permissions may be required in all; this is one more`).error };
      all.push(value);
      continue;
    }
    const parsed = parsePermissionQuery(value);
    if (!parsed.ok) return { ok: false, index, error: parsed.error };
    const conjunction = conjunctionNames(parsed.query);
    names += conjunction?.length ?? countNames(parsed.query);
    if (names > MAX_QUERY_NAMES) return { ok: false, index, error: fail(0, `at most ${MAX_QUERY_NAMES} permissions may be required in all; this query goes past that`).error };
    if (conjunction) all.push(...conjunction);
    else queries.push(parsed.query);
  }
  if (queries.length === 0) return { ok: true, requirement: { all } };
  const query = queries.length === 1 ? queries[0]! : { kind: 'and' as const, operands: queries };
  return { ok: true, requirement: { all, query } };
}

function countNames(query: PermissionQuery): number {
  return query.kind === 'permission' ? 1 : query.operands.reduce((sum, operand) => sum + countNames(operand), 0);
}
