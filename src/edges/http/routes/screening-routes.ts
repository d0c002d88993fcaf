// Screening over HTTP: screen a name against the warm index, the hit queue, decisions, snapshots.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { hitsLimitMax, screenName } from '../../../core/screening/engine.js';
import { decideHit } from '../../../app/screening-service/decide-hit.js';
import { currentScreeningIndex } from '../../../app/screening-service/screening-index-cache.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import {
  decodeInstantCursor,
  encodeInstantCursor,
  pageOf,
  pageQuerySchema,
  pageSchemaOf,
} from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { anyObject, isoDate } from './schemas.js';

const hitStatuses = ['open', 'true_match', 'false_positive', 'withdrawn', 'superseded'] as const;
const hitSchema = z
  .looseObject({ hitId: z.string(), status: z.string(), partyId: z.string(), score: z.number() })
  .meta({ id: 'ScreeningHit' });
const hitParams = z.strictObject({ hitId: z.string().min(1).max(128) });

export function registerScreeningRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  defineRoute(server, context, {
    operationId: 'screenName',
    method: 'POST',
    url: '/screening/screen',
    summary: 'screen one name against the current lists (records nothing)',
    tags: ['screening'],
    body: z.strictObject({
      name: z.string().min(1).max(500),
      kind: z.enum(['person', 'entity', 'unknown']).default('unknown'),
      birthDate: isoDate.optional(),
      nationality: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
      limit: z.number().int().min(1).max(hitsLimitMax).default(20),
    }),
    response: {
      200: z.object({
        snapshotIds: z.array(z.string()),
        hits: z.array(
          z.object({
            source: z.string(),
            entryId: z.string(),
            matchedName: z.string(),
            score: z.number(),
            explanation: anyObject,
          }),
        ),
      }),
    },
    handler: async (request) => {
      const { limit, ...query } = request.body;
      const current = await currentScreeningIndex(app.store.screening, app.screeningIndexCache);
      const hits = screenName(current.index, query, { limit });
      return {
        snapshotIds: current.snapshots.map((snapshot) => snapshot.snapshotId),
        hits: hits.map((hit) => ({
          source: hit.source,
          entryId: hit.entryId,
          matchedName: hit.matchedName,
          score: hit.score,
          explanation: jsonSafe(hit.explanation) as Record<string, unknown>,
        })),
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'listHits',
    method: 'GET',
    url: '/screening/hits',
    summary: 'the review queue (or hits in another status), oldest first',
    tags: ['screening'],
    querystring: pageQuerySchema.extend({ status: z.enum(hitStatuses).default('open') }),
    response: { 200: pageSchemaOf(hitSchema) },
    handler: async (request) => {
      // oldest first, keyset by (raised, id) in SQL: a queue of any length pages to its end
      const after = decodeInstantCursor(request.query.cursor);
      const rows = await app.store.screening.listHits({
        status: request.query.status,
        limit: request.query.limit + 1,
        ...(after ? { after: { raisedAtUs: after.atUs, hitId: after.id } } : {}),
      });
      const last = rows.length > request.query.limit ? rows[request.query.limit - 1] : undefined;
      return {
        items: jsonSafe(rows.slice(0, request.query.limit)) as z.output<typeof hitSchema>[],
        nextCursor: last ? encodeInstantCursor(last.raisedAtUs, last.hitId) : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'getHit',
    method: 'GET',
    url: '/screening/hits/:hitId',
    summary: "one hit with the engine's explanation",
    tags: ['screening'],
    params: hitParams,
    response: { 200: hitSchema },
    handler: async (request) => {
      const hit = await app.store.screening.findHit(request.params.hitId);
      if (!hit)
        throw new DomainError('screening.hit_not_found', `no hit "${request.params.hitId}"`, {
          field: 'hitId',
        });
      return jsonSafe(hit) as z.output<typeof hitSchema>;
    },
  });

  defineRoute(server, context, {
    operationId: 'decideHit',
    method: 'POST',
    url: '/screening/hits/:hitId/decision',
    summary:
      'true_match or false_positive, with a reason (not by the person who requested the screening)',
    tags: ['screening'],
    params: hitParams,
    idempotent: true,
    body: z.strictObject({
      decision: z.enum(['true_match', 'false_positive']),
      reason: reasonSchema,
    }),
    response: { 200: z.object({ hit: hitSchema, decision: anyObject }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => ({
        status: 200,
        body: await decideHit(
          app.store,
          { hitId: request.params.hitId, decision: request.body.decision },
          actingAs(context, request, request.body.reason),
        ),
      })),
  });

  defineRoute(server, context, {
    operationId: 'listSnapshots',
    method: 'GET',
    url: '/screening/snapshots',
    summary: 'the current snapshot of every list, with its delta counts',
    tags: ['screening'],
    querystring: pageQuerySchema,
    response: {
      200: pageSchemaOf(
        z.looseObject({
          snapshotId: z.string(),
          entryCount: z.number().int(),
          added: z.number().int(),
          removed: z.number().int(),
          changed: z.number().int(),
        }),
      ),
    },
    handler: async (request) => {
      const current = (await app.store.screening.currentSnapshots()).map(
        ({ delta, ...snapshot }) => ({
          ...(jsonSafe(snapshot) as Record<string, unknown>),
          snapshotId: snapshot.snapshotId,
          entryCount: snapshot.entryCount,
          added: delta.added.length,
          removed: delta.removed.length,
          changed: delta.changed.length,
        }),
      );
      return pageOf(
        current,
        (snapshot) => snapshot.snapshotId,
        request.query.cursor,
        request.query.limit,
      );
    },
  });
}
