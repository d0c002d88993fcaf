// The web app: built into web/dist and served by `qanat serve` under /app/ (src/edges/http/web-app.ts).
// In development (`npx vite --config web/vite.config.ts`) the API is proxied to QANAT_API_URL.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.QANAT_API_URL ?? 'http://127.0.0.1:8080';
const apiPaths = [
  '/auth',
  '/programmes',
  '/disbursements',
  '/documents',
  '/screening',
  '/work-queues',
  '/users',
  '/tokens',
  '/audit',
  '/openapi.json',
];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 500,
    // Pages are split by route (React.lazy in App.tsx); the libraries go in chunks of their own,
    // cached across deployments of the app's code. The charts load only with a page that draws.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
              priority: 30,
            },
            {
              name: 'intl',
              test: /[\\/]node_modules[\\/](react-intl|@formatjs|intl-messageformat|tslib)[\\/]/,
              priority: 20,
            },
            {
              name: 'query',
              test: /[\\/]node_modules[\\/](@tanstack|openapi-fetch)[\\/]/,
              priority: 20,
            },
            { name: 'charts', test: /[\\/]node_modules[\\/]recharts[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: { proxy: Object.fromEntries(apiPaths.map((path) => [path, api])) },
});
