// Declares one operation: its zod schemas (which validate the request and make the OpenAPI
// document), its security and its access policy shown in the description. A route the policy does
// not name cannot be declared, so none escapes the access hook.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { storeVersionOf, type ApiContext } from './api-context.js';
import { describePolicy } from './policy/access-policy.js';
import { problemSchema } from './problem.js';

type Schema = z.ZodType | undefined;
type Infer<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly querystring?: Q;
  readonly body?: B;
  /** multipart operations parse their own body (files); the schema documents the fields */
  readonly multipart?: boolean;
  readonly response: Record<number, z.ZodType>;
  /** takes an Idempotency-Key (every state-changing POST) */
  readonly idempotent?: boolean;
  /**
   * A heavy GET answered from the read cache while the store is unchanged (read-cache.ts). The
   * key names everything the answer depends on besides the store (path, query, the day); the
   * handler then runs only on a miss and its answer is serialised by the 200 schema once.
   */
  readonly cacheKey?: (request: RouteRequest<P, Q, B>) => string | Promise<string>;
  readonly handler: (request: RouteRequest<P, Q, B>, reply: FastifyReply) => Promise<unknown>;
}

type RouteRequest<P extends Schema, Q extends Schema, B extends Schema> = FastifyRequest<{
  Params: Infer<P>;
  Querystring: Infer<Q>;
  Body: Infer<B>;
}>;

const problemResponses = Object.fromEntries(
  [400, 401, 403, 404, 409, 413, 415, 422, 423, 429, 500].map((status) => [status, problemSchema]),
);

export const registeredOperations = new WeakMap<FastifyInstance, Set<string>>();

export function defineRoute<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(server: FastifyInstance, context: ApiContext, spec: RouteSpec<P, Q, B>): void {
  const isPublic = context.policy.public.includes(spec.operationId);
  const operation = context.policy.operations[spec.operationId];
  if (!isPublic && !operation)
    throw new Error(
      `route ${spec.method} ${spec.url}: operation ${spec.operationId} is not in policy/access.json`,
    );
  const unsafe = spec.method !== 'GET';
  const security: Record<string, string[]>[] =
    isPublic || !operation
      ? []
      : [
          unsafe ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] },
          { bearerToken: [operation.scope] },
        ];
  const description = [
    isPublic ? 'Public.' : describePolicy(operation!),
    spec.idempotent ? 'Requires an Idempotency-Key header; a retry returns the first answer.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const idempotencyHeaderSchema = spec.idempotent
    ? { headers: z.object({ 'idempotency-key': z.string().min(8).max(128) }) }
    : {};
  let seen = registeredOperations.get(server);
  if (!seen) registeredOperations.set(server, (seen = new Set()));
  if (seen.has(spec.operationId)) throw new Error(`operation ${spec.operationId} declared twice`);
  seen.add(spec.operationId);
  server.route({
    method: spec.method,
    url: spec.url,
    config: {
      operationId: spec.operationId,
      accepts: spec.multipart ? 'multipart' : spec.body ? 'json' : 'none',
    },
    schema: {
      operationId: spec.operationId,
      summary: spec.summary,
      description,
      tags: [...spec.tags],
      security,
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
      ...(spec.body && !spec.multipart ? { body: spec.body } : {}),
      ...(spec.multipart ? { consumes: ['multipart/form-data'] } : {}),
      ...idempotencyHeaderSchema,
      response: { ...problemResponses, ...spec.response },
    },
    handler: (spec.cacheKey ? cachedHandler(context, spec) : spec.handler) as never,
  });
}

function cachedHandler<P extends Schema, Q extends Schema, B extends Schema>(
  context: ApiContext,
  spec: RouteSpec<P, Q, B>,
): RouteSpec<P, Q, B>['handler'] {
  const { cacheKey, handler } = spec;
  const answerSchema = spec.response[200];
  // a cached answer must be a read: a write served from memory would skip the write
  if (spec.method !== 'GET' || !cacheKey || !answerSchema)
    throw new Error(`operation ${spec.operationId}: only a GET with a 200 schema can be cached`);
  return async (request, reply) => {
    const key = `${spec.operationId}:${await cacheKey(request)}`;
    return context.readCache.send(reply, key, storeVersionOf(request), answerSchema, () =>
      handler(request, reply),
    );
  };
}

export const reasonSchema = z.string().min(1).max(2_000).describe('why: recorded in the audit log');
export const okSchema = z.object({ ok: z.literal(true) });
