/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`
 * with the last value seen. For effects the server writes behind (lastUsedAt).
 *
 * @example const used = await waitFor(async () => (await client.get(`/v1/keys/${id}`)).body.lastUsedAt ?? undefined)
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const { timeoutMs = 3000, intervalMs = 20, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
