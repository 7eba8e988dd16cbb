// The web console's build: static files under /console/, every asset bundled (nothing from a CDN).
// `npm run console:dev` serves it with hot reload and sends /api and /health to a running OpenBank.
import { defineConfig } from 'vite';

const openbank = process.env.OPENBANK_URL ?? 'http://127.0.0.1:8899';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  // React's automatic JSX runtime, compiled by Vite itself (no Babel).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A module preload polyfill would be an inline script: every browser the console supports has module preload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // React Query's modules start with "use client", which means nothing outside a server-components build.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
      output: {
        // The libraries change less often than the console: chunks of their own stay cached across releases.
        // Chart.js is loaded with the first page that draws a chart.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/ },
            { name: 'charts', test: /node_modules[\\/](chart\.js|@kurkle)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': openbank, '/health': openbank, '/console/config.json': openbank },
  },
});
