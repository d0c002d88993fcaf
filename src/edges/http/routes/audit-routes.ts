// Signed audit checkpoints over HTTP: the list an overseer keeps copies of, and a new checkpoint
// signed over the heads as just verified (refused when verification finds a problem).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createCheckpoint } from '../../../app/audit-service/create-checkpoint.js';
import { checkpointHash } from '../../../core/audit/checkpoint.js';
import { DomainError } from '../../../core/domain-error.js';
import type { ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';

const checkpointSchema = z
  .object({
    id: z.string().optional(),
    atUs: z.string(),
    eventCount: z.string(),
    prevHash: z.string(),
    keyId: z.string(),
    signature: z.string(),
    hash: z.string(),
    heads: z.array(z.object({ chainId: z.number().int(), chainSeq: z.string(), hash: z.string() })),
  })
  .meta({ id: 'AuditCheckpoint' });
const view = (checkpoint: Parameters<typeof checkpointHash>[0] & { id?: bigint }) => ({
  ...(jsonSafe(checkpoint) as Omit<z.output<typeof checkpointSchema>, 'hash'>),
  hash: checkpointHash(checkpoint),
});

export function registerAuditRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listCheckpoints',
    method: 'GET',
    url: '/audit/checkpoints',
    summary: 'signed checkpoints, oldest first, each with its hash (what an overseer publishes)',
    tags: ['audit'],
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(checkpointSchema) },
    handler: async (request) => {
      const after = decodeCursor(request.query.cursor);
      if (after !== undefined && !/^\d{1,19}$/.test(after))
        throw new DomainError(
          'input.invalid_cursor',
          'cursor: use the nextCursor of the previous page',
          { field: 'cursor' },
        );
      const all = await app.store.audit.listCheckpoints();
      const rest =
        after === undefined ? all : all.filter((checkpoint) => checkpoint.id > BigInt(after));
      const page = rest.slice(0, request.query.limit);
      return {
        items: page.map(view),
        nextCursor:
          rest.length > page.length && page.length > 0
            ? encodeCursor(page[page.length - 1]!.id.toString())
            : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'createCheckpoint',
    method: 'POST',
    url: '/audit/checkpoints',
    summary: 'verify what was appended since the last checkpoint and sign a new one over the heads',
    tags: ['audit'],
    idempotent: true,
    body: z.strictObject({
      reason: reasonSchema,
      full: z
        .boolean()
        .default(false)
        .describe('verify the whole store first, not only since the last checkpoint'),
    }),
    response: { 201: checkpointSchema },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const checkpoint = await createCheckpoint(
          app.store,
          app.signer,
          app.clock.nowUs(),
          app.trustedKeys,
          { full: request.body.full },
        );
        return { status: 201, body: view(checkpoint) };
      }),
  });
}
