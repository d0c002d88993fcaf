// The administrator's page needs what admin-routes.ts lacks: the role-change proposals waiting for
// a second administrator, and lifting a lockout (failed logins) before it runs out.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userListLimitMax } from '../../../app/ports/user-repository-port.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { unlockUser } from '../auth/unlock-user.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import {
  decodeInstantCursor,
  encodeInstantCursor,
  pageQuerySchema,
  pageSchemaOf,
} from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { userIdSchema } from './auth-routes.js';

const grantSchema = z.object({ role: z.string(), programmeId: z.string() });
const proposalSchema = z
  .object({
    proposalId: z.string(),
    userId: z.string(),
    grants: z.array(grantSchema),
    reason: z.string(),
    proposedBy: z.string(),
    proposedAtUs: z.string(),
    status: z.enum(['pending', 'approved']),
    decidedBy: z.string().nullable(),
    decidedAtUs: z.string().nullable(),
  })
  .meta({ id: 'RoleChangeProposal' });

export function registerUserAdminRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listRoleChanges',
    method: 'GET',
    url: '/role-changes',
    summary: 'role-change proposals (pending: waiting for a second administrator)',
    tags: ['users'],
    querystring: pageQuerySchema.extend({
      status: z.enum(['pending', 'approved']).default('pending'),
    }),
    response: { 200: pageSchemaOf(proposalSchema) },
    handler: async (request) => {
      // oldest first, keyset by (proposed, id) in SQL: every proposal is reachable, however many
      const { limit, status } = request.query;
      const after = decodeInstantCursor(request.query.cursor);
      const rows = await app.store.users.listProposals(
        status,
        limit + 1,
        after ? { proposedAtUs: after.atUs, proposalId: after.id } : undefined,
      );
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: jsonSafe(rows.slice(0, limit)) as z.output<typeof proposalSchema>[],
        nextCursor: last ? encodeInstantCursor(last.proposedAtUs, last.proposalId) : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'unlockUser',
    method: 'POST',
    url: '/users/:userId/unlock',
    summary: 'lift a lockout after failed logins (the person may try again at once)',
    tags: ['users'],
    params: z.strictObject({ userId: userIdSchema }),
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: { 200: z.object({ userId: z.string(), lockedUntilUs: z.string().nullable() }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const acting = actingAs(context, request, request.body.reason);
        await unlockUser(
          app.store,
          request.params.userId,
          acting.actor,
          acting.reason,
          acting.nowUs,
        );
        return { status: 200, body: { userId: request.params.userId, lockedUntilUs: null } };
      }),
  });
}
