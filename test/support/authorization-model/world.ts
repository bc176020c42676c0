import { apiClient, type ApiClient, type ApiResponse } from '../api-client.ts';
import type { Credential } from './model.ts';

/**
 * The real side of the model test: one Keyward over real HTTP, shared by every run, and its
 * first admin's session (the root of every run's seed, never a target).
 */
export type World = {
  url: string;
  root: { userId: string; username: string; cookie: string; csrfToken: string };
};

/** A client that acts with a credential: a session cookie with its CSRF token, or a Bearer token. */
export function clientOf(world: World, credential: Credential): ApiClient {
  return credential.kind === 'session'
    ? apiClient(world.url, { cookie: credential.cookie, csrfToken: credential.csrfToken })
    : apiClient(world.url, { bearer: credential.token });
}

/** The root admin's client: reads what the server holds, for the model's cross-checks. */
export function rootClient(world: World): ApiClient {
  return apiClient(world.url, { cookie: world.root.cookie, csrfToken: world.root.csrfToken });
}

export type SignedIn = { response: ApiResponse; cookie: string; csrfToken: string };

/**
 * Signs in over HTTP. Callers only sign in as active users with the password the model knows:
 * a failure counts against the server's per-address throttle (20 per 15 minutes).
 */
export async function signInOverHttp(world: World, username: string, password: string): Promise<SignedIn> {
  const response = await apiClient(world.url).post('/v1/auth/login', { username, password });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { response, cookie, csrfToken: response.status === 200 ? String(response.body.csrfToken) : '' };
}
