import type { ApiClient } from './api-client.ts';
import { waitFor } from './wait-for.ts';

/** Whether the embedded store's filter of stored token hashes is filled (`/metrics`). */
export const hashFilterReady = async (client: ApiClient) => /^keyward_key_hash_filter_ready 1$/m.test((await client.get('/metrics')).text);

/**
 * Waits until the filter is filled: before that, every unknown token goes to the database, so a
 * test of what the filter spares must start after it.
 */
export const untilHashFilterReady = (client: ApiClient) => waitFor(async () => (await hashFilterReady(client)) || undefined, { what: 'the filter to be filled' });
