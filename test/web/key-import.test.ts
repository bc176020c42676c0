import { describe, expect, it } from 'vitest';
import { KeywardError } from '@keyward/sdk';
import type { Group, Key } from '@keyward/sdk';
import { parseCsv } from '../../web/src/model/csv-parse.ts';
import { importBatches, parseImportFile, rowResults } from '../../web/src/model/key-import.ts';

// The dashboard's import file reading and result mapping: pure functions, checked without a browser.

const HEX = 'a'.repeat(64);
const BASE64 = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';
const groups = [{ id: 'grp_00000000000000000000aa', name: 'order-handlers', description: '', permissions: ['orders.*'], createdAt: '', updatedAt: '' }] satisfies Group[];

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and skips a BOM and blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '']]);
  });
});

describe('parseImportFile', () => {
  it('maps CSV columns to the import body, resolving group names and telling hex from base64 by length', () => {
    const csv = `sha256,name,groups,expiresAt,enabled,meta\n${HEX},a,order-handlers,2030-01-01T00:00:00+02:00,no,"{""plan"":""pro""}"\n${BASE64},b,,,,`;
    const { rows, error } = parseImportFile('keys.csv', csv, groups);
    expect(error).toBeUndefined();
    expect(rows.map((row) => row.problem)).toEqual([undefined, undefined]);
    expect(rows[0]!.key).toEqual({
      hash: { algorithm: 'sha256', encoding: 'hex', value: HEX },
      name: 'a',
      groupIds: ['grp_00000000000000000000aa'],
      expiresAt: '2029-12-31T22:00:00.000Z',
      enabled: false,
      meta: { plan: 'pro' },
    });
    expect(rows[1]!.key).toEqual({ hash: { algorithm: 'sha256', encoding: 'base64', value: BASE64 }, name: 'b' });
  });

  it('refuses a token column, unknown columns and a file without sha256 as a whole', () => {
    expect(parseImportFile('k.csv', 'token\nx', groups).error).toContain('never the token');
    expect(parseImportFile('k.csv', 'sha256,colour\nx,red', groups).error).toContain('Unknown column "colour"');
    expect(parseImportFile('k.csv', 'name\nx', groups).error).toContain('no sha256 column');
    expect(parseImportFile('k.json', '{"keys": 3}', groups).error).toContain('array of keys');
  });

  it('names what is wrong in each row', () => {
    const json = JSON.stringify([{ sha256: 'abc' }, { sha256: HEX, groups: ['nope'], enabled: 'maybe', token: 'x' }]);
    const [first, second] = parseImportFile('k.json', json, groups).rows;
    expect(first!.problem).toContain('64 hex characters or 44 base64');
    expect(second!.problem).toContain('unknown field token');
    expect(second!.problem).toContain('no permission group named "nope"');
    expect(second!.problem).toContain('enabled must be true or false');
  });
});

describe('importBatches and rowResults', () => {
  it('splits into calls of 1,000 and maps a refused call’s paths to rows of the file', () => {
    const batches = importBatches(Array.from({ length: 2500 }, (_, i) => i));
    expect(batches.map((batch) => [batch.first, batch.rows.length])).toEqual([[0, 1000], [1000, 1000], [2000, 500]]);
    const key = { id: 'key_1', start: '(imported)', end: '' } as Key;
    const refusal = new KeywardError({ type: 'about:blank', title: 'Unprocessable Content', status: 422, code: 'OWNER_NOT_FOUND', detail: 'Some owners do not exist. Nothing was imported.', errors: [{ path: '/keys/1/owner', message: 'no such user' }] });
    const results = rowResults([
      { first: 0, count: 1, result: { imported: 1, keys: [key] } },
      { first: 1, count: 2, error: refusal },
      { first: 3, count: 1, error: new KeywardError({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'FORBIDDEN', detail: 'Not yours.' }) },
    ]);
    expect(results).toEqual([
      { imported: true, key },
      { imported: false, message: 'Not imported: other rows of the same call were refused (all or nothing).' },
      { imported: false, message: 'owner: no such user' },
      { imported: false, message: 'Not yours.' },
    ]);
  });
});
