// Serves the built web app (web/dist) under /app/, with the SPA fallback: any path under /app/
// that is not a file answers index.html, so a reload on /app/disbursements/D-1 works. The API
// keeps every other path; / redirects to the app. Not in the OpenAPI document (static files).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** src/edges/http and dist/edges/http both sit three levels below the repository. */
export const defaultWebRoot = fileURLToPath(new URL('../../../web/dist', import.meta.url));
export const webAppPrefix = '/app';

export async function registerWebApp(
  server: FastifyInstance,
  webRoot: string = defaultWebRoot,
): Promise<boolean> {
  if (!existsSync(`${webRoot}/index.html`)) return false;
  server.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(`${webAppPrefix}/`),
  );
  await server.register(
    async (scope) => {
      await scope.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'] });
      scope.setNotFoundHandler((request, reply) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(405).send();
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    },
    { prefix: webAppPrefix },
  );
  return true;
}
