// defineRoute's cacheKey option: a cached GET runs its handler once per store version and key;
// anything but a GET with a 200 schema is refused when the route is declared.
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext } from './api-context.js';
import { ReadCache } from './read-cache.js';
import { defineRoute } from './route-kit.js';

function contextWithPublic(operationIds: string[]): ApiContext {
  const policy = { public: operationIds, operations: {} };
  return { policy, readCache: new ReadCache() } as unknown as ApiContext;
}

describe('defineRoute with a cacheKey', () => {
  it('answers a repeated read at the same version from the cache, and a new version afresh', async () => {
    const server = Fastify();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    let version = 'v1';
    server.addHook('onRequest', async (request) => {
      request.principal = { storeVersion: version } as never;
    });
    const context = contextWithPublic(['getThing']);
    let runs = 0;
    defineRoute(server, context, {
      operationId: 'getThing',
      method: 'GET',
      url: '/things/:thingId',
      summary: 'a thing',
      tags: ['test'],
      params: z.strictObject({ thingId: z.string() }),
      response: { 200: z.object({ thingId: z.string(), run: z.number() }) },
      cacheKey: ({ params }) => params.thingId,
      handler: async (request) => ({ thingId: request.params.thingId, run: (runs += 1) }),
    });
    const get = async (path: string) => (await server.inject({ method: 'GET', url: path })).json();
    expect(await get('/things/a')).toEqual({ thingId: 'a', run: 1 });
    expect(await get('/things/a')).toEqual({ thingId: 'a', run: 1 });
    expect(await get('/things/b')).toEqual({ thingId: 'b', run: 2 });
    version = 'v2';
    expect(await get('/things/a')).toEqual({ thingId: 'a', run: 3 });
    expect(runs).toBe(3);
    await server.close();
  });

  it('refuses a cached write', () => {
    const server = Fastify();
    expect(() =>
      defineRoute(server, contextWithPublic(['postThing']), {
        operationId: 'postThing',
        method: 'POST',
        url: '/things',
        summary: 'make a thing',
        tags: ['test'],
        response: { 200: z.object({}) },
        cacheKey: () => 'all',
        handler: async () => ({}),
      }),
    ).toThrow(/only a GET with a 200 schema can be cached/);
  });
});
