// Deposits held for their rate (issue 8, "rates are checked"): the queue, and a second person's
// decision, accept (credited now) or reject, with a reason. Never by the deposit's importer.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import {
  acceptHeldDeposit,
  listHeldDepositsPage,
  rejectHeldDeposit,
} from '../../../app/money-in/held-deposits.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { minorUnits } from './schemas.js';

const heldDepositSchema = z
  .looseObject({
    programmeId: z.string(),
    deposit: z.looseObject({ depositId: z.string(), escrowAmountMinor: minorUnits }),
    contentSha256: z.string(),
    findings: z.array(z.object({ code: z.string(), reason: z.string() })),
    heldBy: z.string(),
    status: z.enum(['held', 'accepted', 'rejected']),
    decidedBy: z.string().nullable(),
    decisionReason: z.string().nullable(),
  })
  .meta({ id: 'HeldDeposit' });
const heldParams = z.strictObject({
  programmeId: z.string().min(1).max(64),
  depositId: z.string().min(1).max(48),
});

export function registerHeldDepositRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listHeldDeposits',
    method: 'GET',
    url: '/programmes/:programmeId/held-deposits',
    summary: 'deposits held for their rate (open ones unless another status is asked for)',
    tags: ['money in'],
    params: z.strictObject({ programmeId: z.string().min(1).max(64) }),
    querystring: pageQuerySchema.extend({
      status: z.enum(['held', 'accepted', 'rejected']).default('held'),
    }),
    response: { 200: pageSchemaOf(heldDepositSchema) },
    handler: async (request) => {
      // keyset by (deposit id, content hash) in SQL: the cursor is "<sha256>/<deposit id>"
      const { status, limit } = request.query;
      const key = decodeCursor(request.query.cursor);
      const match = key === undefined ? undefined : /^([0-9a-f]{64})\/(.+)$/s.exec(key);
      if (key !== undefined && !match)
        throw new DomainError(
          'input.invalid_cursor',
          'cursor: use the nextCursor of the previous page',
          { field: 'cursor' },
        );
      const rows = await listHeldDepositsPage(app.store, request.params.programmeId, {
        status,
        limit: limit + 1,
        ...(match ? { after: { contentSha256: match[1]!, depositId: match[2]! } } : {}),
      });
      const items = rows.slice(0, limit);
      const last = rows.length > limit ? items[items.length - 1] : undefined;
      return {
        items: jsonSafe(items) as z.output<typeof heldDepositSchema>[],
        nextCursor: last ? encodeCursor(`${last.contentSha256}/${last.deposit.depositId}`) : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'decideHeldDeposit',
    method: 'POST',
    url: '/programmes/:programmeId/held-deposits/:depositId/decision',
    summary:
      'accept (credit it at the rate typed) or reject a held deposit, with a reason; not by its importer',
    tags: ['money in'],
    params: heldParams,
    idempotent: true,
    body: z.strictObject({ decision: z.enum(['accept', 'reject']), reason: reasonSchema }),
    response: { 200: z.object({ hold: heldDepositSchema, transferIds: z.array(z.string()) }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const { programmeId, depositId } = request.params;
        const decide = request.body.decision === 'accept' ? acceptHeldDeposit : rejectHeldDeposit;
        const result = await decide(
          app.store,
          programmeId,
          depositId,
          actingAs(context, request, request.body.reason),
        );
        return {
          status: 200,
          body: jsonSafe(result) as {
            hold: z.output<typeof heldDepositSchema>;
            transferIds: string[];
          },
        };
      }),
  });
}
