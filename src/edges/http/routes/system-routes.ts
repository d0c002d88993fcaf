// Liveness, readiness and the OpenAPI document: the only public routes besides login and /docs.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiContext } from '../api-context.js';
import { defineRoute } from '../route-kit.js';

const readinessSchema = z.object({
  ready: z.boolean(),
  store: z.enum(['sqlite', 'postgres']),
  storeReachable: z.boolean(),
  /** the applied migrations are exactly those this build ships (they run when the store opens) */
  migrationsCurrent: z.boolean(),
  listsLoaded: z.number().int(),
  screeningIndexWarm: z.boolean(),
});

export function registerSystemRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  defineRoute(server, context, {
    operationId: 'health',
    method: 'GET',
    url: '/healthz',
    summary: 'the process is up',
    tags: ['system'],
    response: { 200: z.object({ ok: z.literal(true) }) },
    handler: async () => ({ ok: true as const }),
  });

  defineRoute(server, context, {
    operationId: 'readiness',
    method: 'GET',
    url: '/readyz',
    summary: 'store reachable, migrations current, lists loaded',
    tags: ['system'],
    response: { 200: readinessSchema, 503: readinessSchema },
    handler: async (_request, reply) => {
      let storeReachable = true;
      let migrationsCurrent = false;
      let listsLoaded = 0;
      try {
        await app.store.programmes.listProgrammeIds();
        listsLoaded = (await app.store.screening.currentSnapshots()).length;
        // the schema is the one this build ships: not behind it, and not migrated by a newer release
        const versions = await app.store.readSnapshot(async (snapshot) => ({
          applied: (await snapshot.tables.appliedMigrations())
            .map((migration) => migration.version)
            .sort((a, b) => a - b),
          shipped: snapshot.tables
            .shippedMigrations()
            .map((migration) => migration.version)
            .sort((a, b) => a - b),
        }));
        migrationsCurrent = versions.applied.join(',') === versions.shipped.join(',');
      } catch {
        storeReachable = false;
      }
      const screeningIndexWarm = app.screeningIndexCache.buildCount > 0;
      const ready = storeReachable && migrationsCurrent && listsLoaded > 0;
      return reply.code(ready ? 200 : 503).send({
        ready,
        store: app.store.dialect,
        storeReachable,
        migrationsCurrent,
        listsLoaded,
        screeningIndexWarm,
      });
    },
  });

  defineRoute(server, context, {
    operationId: 'openApiDocument',
    method: 'GET',
    url: '/openapi.json',
    summary: 'this OpenAPI 3.1 document',
    tags: ['system'],
    response: { 200: z.looseObject({ openapi: z.string() }) },
    handler: async () => server.swagger() as unknown as { openapi: string },
  });
}
