// The web app: built into web/dist and served by `qanat serve` under /app/ (src/edges/http/web-app.ts).
// In development (`npx vite --config web/vite.config.ts`) the API is proxied to QANAT_API_URL.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.QANAT_API_URL ?? 'http://127.0.0.1:8080';
const apiPaths = ['/auth', '/programmes', '/disbursements', '/documents', '/screening', '/work-queues', '/users', '/tokens', '/audit', '/openapi.json'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1_500 },
  server: { proxy: Object.fromEntries(apiPaths.map((path) => [path, api])) },
});
