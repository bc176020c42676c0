import { ADMIN, type TestServer } from './test-server.ts';

/** What a call returned: status, headers and the parsed JSON body (or text). */
export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; text: string };

export type ApiClient = {
  request: <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  get: <T = any>(path: string, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  delete: <T = any>(path: string, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
};

/**
 * A client over real HTTP. `auth` adds a session cookie with its CSRF token, or a Bearer key;
 * without it, calls are anonymous.
 */
export function apiClient(baseUrl: string, auth?: { cookie: string; csrfToken?: string } | { bearer: string }): ApiClient {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const all: Record<string, string> = {};
    if (body !== undefined) all['content-type'] = 'application/json';
    if (auth && 'cookie' in auth) {
      all.cookie = auth.cookie;
      if (auth.csrfToken) all['x-csrf-token'] = auth.csrfToken;
    }
    if (auth && 'bearer' in auth) all.authorization = `Bearer ${auth.bearer}`;
    Object.assign(all, headers);
    const response = await fetch(baseUrl + path, {
      method,
      headers: all,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (metrics, HTML): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed as any, text };
  };
  return {
    request,
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body, headers),
    patch: (path, body, headers) => request('PATCH', path, body, headers),
    delete: (path, headers) => request('DELETE', path, undefined, headers),
  };
}

/** Signs in over HTTP and returns a client carrying the session cookie and CSRF token. */
export async function signIn(server: TestServer, username = ADMIN.username, password = ADMIN.password) {
  const response = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  return { client: apiClient(server.url, { cookie, csrfToken: body.csrfToken }), cookie, csrfToken: body.csrfToken, userId: body.user.id, setCookie };
}

/** Creates a project, a group with `permissions`, and a key in it; returns ids and the token. */
export async function createKeyWith(admin: ApiClient, options: { permissions?: string[]; key?: Record<string, unknown>; projectPrefix?: string } = {}) {
  const project = await admin.post('/v1/projects', { name: `Project ${Math.random().toString(36).slice(2, 8)}`, keyPrefix: options.projectPrefix ?? 'tk' });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${project.text}`);
  let groupIds: string[] = [];
  if (options.permissions) {
    const group = await admin.post('/v1/groups', { name: `group-${Math.random().toString(36).slice(2, 10)}`, permissions: options.permissions });
    if (group.status !== 201) throw new Error(`group: ${group.status} ${group.text}`);
    groupIds = [group.body.id];
  }
  const key = await admin.post('/v1/keys', { projectId: project.body.id, name: 'test key', groupIds, ...options.key });
  if (key.status !== 201) throw new Error(`key: ${key.status} ${key.text}`);
  return { projectId: project.body.id as string, groupIds, keyId: key.body.key.id as string, token: key.body.token as string, key: key.body.key };
}
