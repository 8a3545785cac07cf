import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard: Preact + hand-written SVG, built into client/dist and served by the service at /
 * (and at /embed for signed embed links). The GraphQL explorer (GraphiQL, React) is a page of its
 * own, served at GET /graphql to browsers, sharing no chunk the dashboard loads first.
 * `npm run client:dev` proxies the API to a running service on port 3000.
 */
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Monaco (the explorer's editor) is one 2.8 MB chunk; client/scripts/report-size.mjs holds the
    // budgets that matter, the dashboard's and the explorer's.
    chunkSizeWarningLimit: 3000,
    // Every supported browser preloads modules itself; the polyfill would be a chunk both pages load.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        explorer: fileURLToPath(new URL('./explorer/index.html', import.meta.url)),
      },
      onLog(level, log, handler) {
        // GraphiQL's React libraries carry "use client" and "use no memo" directives, which mean
        // nothing outside React Server Components and the React compiler.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.includes('/node_modules/')) return;
        // The explorer's Monaco workers are bundled by plugin callbacks; their time is expected.
        if (log.code === 'PLUGIN_TIMINGS') return;
        handler(level, log);
      },
    },
  },
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://localhost:3000',
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
    },
  },
});
