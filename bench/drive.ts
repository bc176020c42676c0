import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { generateToken } from '../src/domain/token.ts';

/**
 * Load driver, run as its own process so it does not share an event loop with the servers.
 * Reads a JSON job from the file argv[2] names, prints one JSON line of results.
 */
type Job = {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  duration: number;
  /** Sends exactly this many requests instead of running for `duration` (priming a cache). */
  amount?: number;
  /** Tokens to rotate through; each request takes the next one. */
  tokens: string[];
  /**
   * How a token is sent: in the verify body, or as X-API-Key; `fixed` sends `headers` and `body`
   * as given; `verify-random` sends a new well-formed token (right checksum) of `prefix` each time.
   */
  mode: 'verify-body' | 'api-key-header' | 'none' | 'fixed' | 'verify-random';
  prefix?: string;
  headers?: Record<string, string>;
  body?: string;
  projectId?: string;
  /** Sent as the verify body's `permissions`. */
  permissions?: string[];
};

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Job;
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  ...(job.amount ? { amount: job.amount } : { duration: job.duration }),
  requests: [
    {
      method: job.method,
      path: job.path,
      setupRequest: (request) => {
        if (job.mode === 'fixed') return { ...request, headers: job.headers, body: job.body };
        const token = job.mode === 'verify-random' ? generateToken(job.prefix!) : job.tokens[next++ % Math.max(1, job.tokens.length)] ?? '';
        if (job.mode === 'verify-body' || job.mode === 'verify-random') {
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
