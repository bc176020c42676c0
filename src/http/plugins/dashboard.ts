import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { embeddedFiles, serveEmbeddedFiles, type EmbeddedFiles } from './embedded-files.ts';
import { sendProblem } from './problem-handler.ts';

/**
 * Where `vite build` writes the dashboard (see web/build.ts): seen from this file in a checkout,
 * or from dist/keyward.mjs, the bundle the npm package runs (packaging/bundle.ts), whichever
 * holds a build. (The single executable carries its own copy: `embeddedFiles`.)
 */
export const DASHBOARD_DIST = ['../web/dist', '../../../web/dist']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(join(dir, 'index.html'))) ?? fileURLToPath(new URL('../../../web/dist', import.meta.url));

// Vite puts a content hash in every asset name, so an asset never changes under its URL.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const cacheControlOf = (path: string) => (path.startsWith('assets/') ? IMMUTABLE : 'no-cache');

export type DashboardOptions = {
  /** The built dashboard's folder (default: `DASHBOARD_DIST`). */
  root?: string;
  /** The built dashboard's files in memory (default: the executable's own, when it is one). */
  files?: EmbeddedFiles;
};

/** Serves the built files from a folder, as they are written (`npm start`, the npm package). */
async function serveFolder(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    // One route per built file, so unknown paths fall through to the handler below.
    wildcard: false,
    index: false,
    cacheControl: false,
    // The build writes a brotli and a gzip copy beside each text file (web/precompress.ts):
    // the one the browser accepts is sent, with Content-Encoding and Vary: Accept-Encoding.
    // The copies are no routes of their own.
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz', '**/*.map'],
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlOf(relative(root, path)));
    },
  });
}

/**
 * Serves the dashboard (the built single-page app in web/dist) at `/`. Any other GET that a
 * browser navigates to (it accepts text/html) gets the app's index.html, so deep links such as
 * `/keys?status=active` work; API paths and non-HTML requests keep the problem+json 404.
 *
 * @example await installDashboard(app)
 */
export async function installDashboard(app: FastifyInstance, options: DashboardOptions = {}): Promise<void> {
  const files = options.files ?? (options.root === undefined ? embeddedFiles('dashboard/') : undefined);
  const root = options.root ?? DASHBOARD_DIST;
  const indexPath = join(root, 'index.html');
  const indexHtml = files ? files.get('index.html') : existsSync(indexPath) ? readFileSync(indexPath) : undefined;
  if (!indexHtml) {
    app.log.warn(`the dashboard is not built (no ${indexPath}); run "npm run build:web"`);
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      sendProblem(reply, 503, 'DASHBOARD_NOT_BUILT', 'The dashboard is not built; run "npm run build:web" (npm start does it when the dev dependencies are installed).'),
    );
    return;
  }

  // For page routes that answer a refusal to a person with the app (the portal link: see
  // portal.link.ts), which then says why.
  app.decorate('dashboardPage', indexHtml);
  if (files) serveEmbeddedFiles(app, { files, prefix: '/', cacheControl: cacheControlOf });
  else await serveFolder(app, root);

  const sendApp = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    const isApi = path === '/v1' || path.startsWith('/v1/');
    // No page lives under /assets, and no source map is served (the build makes none; one
    // left by an older build would hand out the source).
    const isFile = path.startsWith('/assets/') || path.endsWith('.map');
    if (isApi || isFile || !(request.headers.accept ?? '').includes('text/html')) {
      return sendProblem(reply, 404, 'NOT_FOUND', `No route ${request.method} ${path}.`);
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  };
  app.get('/', { schema: { hide: true } }, sendApp);
  app.get('/*', { schema: { hide: true } }, sendApp);
}
