import { expect } from 'vitest';
import type { ApiResponse } from './api-client.ts';

/** An ISO 8601 UTC timestamp as the contract writes them (`2026-03-15T14:30:00.000Z`). */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Asserts an RFC 9457 problem: the status, `application/problem+json`, the stable `code`, a
 * non-empty `detail`, and (when given) an `errors[]` entry whose `path` names the field.
 */
export function expectProblem(response: ApiResponse, status: number, code: string, path?: string): void {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(String(response.body.detail).trim()).not.toBe('');
  if (path !== undefined) {
    const paths = ((response.body.errors ?? []) as { path: string }[]).map((error) => error.path);
    expect(paths, response.text).toContain(path);
  }
}
