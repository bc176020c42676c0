import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { getAsset, getAssetKeys, isSea } from 'node:sea';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Files by their path below a folder (`assets/app-1a2b.js`), held in memory. */
export type EmbeddedFiles = ReadonlyMap<string, Buffer>;

/**
 * The files packed into the single executable (`npm run package`, packaging/sea.ts) under
 * `prefix` (`dashboard/`), by their path below it; undefined when this is not the executable,
 * whose files are on disk instead.
 *
 * @example const files = embeddedFiles('dashboard/')
 */
export function embeddedFiles(prefix: string): EmbeddedFiles | undefined {
  if (!isSea()) return undefined;
  const files = new Map<string, Buffer>();
  for (const key of getAssetKeys()) {
    if (key.startsWith(prefix)) files.set(key.slice(prefix.length), Buffer.from(getAsset(key)));
  }
  return files;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The build writes these copies beside each text file (web/precompress.ts); preferred in this order.
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The content codings a request accepts (a q of 0 refuses one). */
function acceptedEncodings(request: FastifyRequest): Set<string> {
  const accepted = new Set<string>();
  for (const part of (request.headers['accept-encoding'] ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}

function entityTag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export type ServeEmbeddedOptions = {
  files: EmbeddedFiles;
  /** The URL path the files are served under, ending in `/`. */
  prefix: string;
  /** Cache-Control for a file, by its path below the folder. */
  cacheControl?: (path: string) => string;
};

/**
 * Serves `files` from memory, one route per file (so unknown paths fall through to whatever
 * else is registered), as @fastify/static serves a folder: the type by extension, the
 * brotli or gzip copy the browser accepts with Vary: Accept-Encoding, and an ETag answered
 * with 304. Compressed copies, source maps and dot files are never routes of their own.
 *
 * @example serveEmbeddedFiles(app, { files, prefix: '/' })
 */
export function serveEmbeddedFiles(app: FastifyInstance, options: ServeEmbeddedOptions): void {
  const { files, prefix, cacheControl } = options;
  for (const [path, body] of files) {
    const name = path.split('/').at(-1)!;
    if (name.startsWith('.') || path.endsWith('.map') || ENCODINGS.some((encoding) => path.endsWith(encoding.suffix))) continue;
    const variants = ENCODINGS.flatMap((encoding) => {
      const copy = files.get(`${path}${encoding.suffix}`);
      return copy ? [{ name: encoding.name, body: copy }] : [];
    });
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const etag = entityTag(body);
    app.get(`${prefix}${path}`, { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      reply.type(type).header('etag', etag);
      if (cacheControl) reply.header('cache-control', cacheControl(path));
      if (variants.length > 0) reply.header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const accepted = acceptedEncodings(request);
      const variant = variants.find((candidate) => accepted.has(candidate.name));
      if (variant) return reply.header('content-encoding', variant.name).send(variant.body);
      return reply.send(body);
    });
  }
}
