import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './precompress.ts';

/**
 * The dashboard build: `npm run build:web` (and `npm start` / `npm test` when the sources
 * changed, see build.ts) writes web/dist, which the server serves at `/`.
 * `npm run dev:web` serves it with live reload and sends /v1 to a Keyward on port 8080.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [precompress()],
  // The SDK (a workspace package) is bundled from its TypeScript sources, as the server and the
  // tests read it (see its package.json "exports").
  resolve: { conditions: ['@keyward/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Mantine and React make one ~500 kB chunk before compression; it is loaded once and cached.
    chunkSizeWarningLimit: 1200,
    // No source maps: served, they would hand out the whole source, and they are most of the
    // build's bytes. The server answers any `.map` with 404 (see dashboard.ts).
    sourcemap: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Mantine and React Router mark modules "use client" for React Server Components; a
        // browser bundle has no server side, so the directive means nothing here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
