/**
 * Stands in for @fastify/static inside @fastify/swagger-ui in the single executable's bundle
 * (packaging/bundle.ts): swagger-ui serves a folder of its own scripts and styles, which the
 * executable has no disk copy of, so they are served from its packed files instead.
 */
import type { FastifyInstance } from 'fastify';
import { embeddedFiles, serveEmbeddedFiles } from '../src/http/plugins/embedded-files.ts';

/** Registered by swagger-ui under its `/static` prefix (with options meant for a folder). */
export default async function swaggerUiStatic(app: FastifyInstance): Promise<void> {
  const files = new Map(embeddedFiles('swagger-ui/'));
  // swagger-ui answers this one itself (a redirect to its page).
  files.delete('index.html');
  serveEmbeddedFiles(app, { files, prefix: '/' });
}
