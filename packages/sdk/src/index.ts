// @keyward/sdk: a typed client for Keyward's HTTP API. The middleware lives in the subpaths
// `@keyward/sdk/express`, `@keyward/sdk/fastify` and `@keyward/sdk/hono`, so an app loads only
// its own framework's adapter.
export { createKeywardClient, type KeywardClient, type KeywardClientOptions } from './client.ts';
export { KeywardConnectionError, KeywardError } from './keyward-error.ts';
export { credentialOf, createRequestGuard, type GuardInput, type GuardOptions, type GuardOutcome, type KeywardIdentity, type RatelimitsOption, type VerifiedKey } from './request-guard.ts';
export { retryingFetch, type RequestFetch, type RetryOptions } from './retrying-fetch.ts';
export { VerifyCache, type VerifyCacheOptions } from './verify-cache.ts';
export type * from './types.ts';
export type { components, operations, paths } from './generated/openapi.ts';
