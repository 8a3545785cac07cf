import { defineConfig } from 'vite';

/**
 * The dashboard: Preact + hand-written SVG, built into client/dist and served by the service at /
 * (and at /embed for signed embed links). `npm run client:dev` proxies the API to a running
 * service on port 3000.
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
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://localhost:3000',
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
    },
  },
});
