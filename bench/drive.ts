import autocannon from 'autocannon';

/**
 * Load driver, run as its own process so it does not share an event loop with the servers.
 * Reads a JSON job from argv[2], prints one JSON line of results.
 */
type Job = {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  duration: number;
  /** Tokens to rotate through; each request takes the next one. */
  tokens: string[];
  /** How a token is sent: in the verify body, or as X-API-Key; `fixed` sends `headers` and `body` as given. */
  mode: 'verify-body' | 'api-key-header' | 'none' | 'fixed';
  headers?: Record<string, string>;
  body?: string;
  projectId?: string;
  /** Sent as the verify body's `permissions`. */
  permissions?: string[];
};

const job = JSON.parse(process.argv[2]!) as Job;
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.duration,
  requests: [
    {
      method: job.method,
      path: job.path,
      setupRequest: (request) => {
        if (job.mode === 'fixed') return { ...request, headers: job.headers, body: job.body };
        const token = job.tokens[next++ % Math.max(1, job.tokens.length)] ?? '';
        if (job.mode === 'verify-body') {
          return { ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: token, projectId: job.projectId, permissions: job.permissions }) };
        }
        if (job.mode === 'api-key-header') return { ...request, headers: { 'x-api-key': token } };
        return { ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: token }) };
      },
    },
  ],
});
console.log(JSON.stringify({
  requestsPerSecond: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  total: result.requests.total,
}));
