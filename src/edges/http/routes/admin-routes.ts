// Users and their grants (administrator), API tokens (each user their own), audit verification.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAudit } from '../../../app/audit-service/verify-audit.js';
import { DomainError } from '../../../core/domain-error.js';
import { identityListLimitMax, type ApiTokenRecord } from '../../../app/ports/identity-ports.js';
import { actingAs, principalOf, type ApiContext } from '../api-context.js';
import { createApiToken, issueCredentials, revokeApiToken } from '../auth/identity-service.js';
import { apiRoles, rolesOf } from '../auth/roles-of.js';
import {
  approveRoleChange,
  proposeRoleChange,
} from '../../../app/programme-service/role-changes.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { userIdSchema } from './auth-routes.js';

const grantSchema = z.strictObject({
  role: z.enum(apiRoles),
  programmeId: z.string().min(1).max(64).default('*'),
});
const grantsSchema = z.array(grantSchema).min(1).max(50);
const userSchema = z
  .object({
    userId: z.string(),
    grants: z.array(z.object({ role: z.string(), programmeId: z.string() })),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntilUs: z.string().nullable(),
    locked: z.boolean().describe("locked out now, by the server's clock"),
  })
  .meta({ id: 'User' });
const tokenSchema = z
  .object({
    tokenId: z.string(),
    label: z.string(),
    scopes: z.array(z.string()),
    createdAtUs: z.string(),
    expiresAtUs: z.string(),
    revokedAtUs: z.string().nullable(),
    state: z.enum(['active', 'expired', 'revoked']).describe("by the server's clock"),
  })
  .meta({ id: 'ApiToken' });
const shownOnce = '(shown once; not kept)';

export function registerAdminRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app, policy } = context;
  const knownScopes = [
    ...new Set(Object.values(policy.operations).map((operation) => operation.scope)),
  ].sort();
  const tokenView = (record: ApiTokenRecord) => {
    const {
      secretSha256: _secret,
      userId: _user,
      ...rest
    } = jsonSafe(record) as Record<string, unknown>;
    const state =
      record.revokedAtUs !== null
        ? 'revoked'
        : record.expiresAtUs <= app.clock.nowUs()
          ? 'expired'
          : 'active';
    return { ...rest, state } as z.output<typeof tokenSchema>;
  };

  defineRoute(server, context, {
    operationId: 'listUsers',
    method: 'GET',
    url: '/users',
    summary: 'people with credentials, their grants and login state',
    tags: ['users'],
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(userSchema) },
    handler: async (request) => {
      const after = decodeCursor(request.query.cursor);
      const ids = await app.store.identity.listCredentialUserIds({
        ...(after !== undefined ? { afterUserId: after } : {}),
        limit: Math.min(request.query.limit + 1, identityListLimitMax),
      });
      const page = ids.slice(0, request.query.limit);
      const items = [];
      for (const userId of page) {
        const credential = await app.store.identity.getCredential(userId);
        items.push({
          userId,
          grants: await rolesOf(app.store, userId),
          totpEnabled: credential?.totpEnabled ?? false,
          mustChangePassword: credential?.mustChangePassword ?? false,
          lockedUntilUs: credential?.lockedUntilUs?.toString() ?? null,
          locked: (credential?.lockedUntilUs ?? 0n) > app.clock.nowUs(),
        });
      }
      return {
        items,
        nextCursor:
          ids.length > page.length && page.length > 0 ? encodeCursor(page[page.length - 1]!) : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'createUser',
    method: 'POST',
    url: '/users',
    summary:
      'a person with role grants and a one-time password (shown once; changed at first login)',
    tags: ['users'],
    idempotent: true,
    body: z.strictObject({ userId: userIdSchema, grants: grantsSchema, reason: reasonSchema }),
    response: {
      201: z.object({
        userId: z.string(),
        oneTimePassword: z.string(),
        roleChangeProposalId: z.string().nullable(),
      }),
    },
    handler: async (request, reply) =>
      idempotent(
        context,
        request,
        reply,
        request.body,
        async () => {
          const context_ = actingAs(context, request, request.body.reason);
          const issued = await issueCredentials(
            app.store,
            request.body.userId,
            request.body.grants,
            context_.actor,
            context_.reason,
            context_.nowUs,
          );
          return {
            status: 201,
            body: {
              userId: request.body.userId,
              oneTimePassword: issued.oneTimePassword,
              roleChangeProposalId: issued.roleChangeProposalId,
            },
          };
        },
        { redact: (body) => ({ ...(body as Record<string, string>), oneTimePassword: shownOnce }) },
      ),
  });

  defineRoute(server, context, {
    operationId: 'setUserGrants',
    method: 'POST',
    url: '/users/:userId/grants',
    summary: "propose a user's complete role grants (a second administrator approves)",
    tags: ['users'],
    params: z.strictObject({ userId: userIdSchema }),
    idempotent: true,
    body: z.strictObject({ grants: grantsSchema, reason: reasonSchema }),
    response: { 202: z.object({ proposalId: z.string(), status: z.string(), userId: z.string() }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        if (!(await app.store.identity.getCredential(request.params.userId)))
          throw new DomainError('user.not_found', `no user "${request.params.userId}"`, {
            field: 'userId',
          });
        const { proposal } = await proposeRoleChange(
          app.store,
          request.params.userId,
          request.body.grants,
          actingAs(context, request, request.body.reason),
        );
        return {
          status: 202,
          body: {
            proposalId: proposal.proposalId,
            status: proposal.status,
            userId: proposal.userId,
          },
        };
      }),
  });

  defineRoute(server, context, {
    operationId: 'approveRoleChange',
    method: 'POST',
    url: '/role-changes/:proposalId/approve',
    summary: "approve a role-change proposal (never its proposer, never one's own roles)",
    tags: ['users'],
    params: z.strictObject({ proposalId: z.string().min(1).max(64) }),
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: {
      200: z.object({
        proposalId: z.string(),
        userId: z.string(),
        grants: z.array(z.object({ role: z.string(), programmeId: z.string() })),
      }),
    },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const approved = await approveRoleChange(
          app.store,
          request.params.proposalId,
          actingAs(context, request, request.body.reason),
        );
        return {
          status: 200,
          body: {
            proposalId: approved.proposalId,
            userId: approved.userId,
            grants: await rolesOf(app.store, approved.userId),
          },
        };
      }),
  });

  defineRoute(server, context, {
    operationId: 'listTokens',
    method: 'GET',
    url: '/tokens',
    summary: "the caller's API tokens (never their secrets)",
    tags: ['tokens'],
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(tokenSchema) },
    handler: async (request) => {
      const after = decodeCursor(request.query.cursor);
      const records = await app.store.identity.listTokens(principalOf(request).userId, {
        ...(after !== undefined ? { afterTokenId: after } : {}),
        limit: request.query.limit + 1,
      });
      const page = records.slice(0, request.query.limit);
      return {
        items: page.map(tokenView),
        nextCursor:
          records.length > page.length && page.length > 0
            ? encodeCursor(page[page.length - 1]!.tokenId)
            : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'createToken',
    method: 'POST',
    url: '/tokens',
    summary:
      'a scoped, expiring API token for a machine acting as the caller; the token is shown once',
    tags: ['tokens'],
    idempotent: true,
    body: z.strictObject({
      label: z.string().min(1).max(100),
      scopes: z
        .array(z.enum(knownScopes as [string, ...string[]]))
        .min(1)
        .max(20),
      lifetimeDays: z.number().int().min(1).max(365),
    }),
    response: {
      201: z.object({
        token: z.string(),
        tokenId: z.string(),
        expiresAtUs: z.string(),
        scopes: z.array(z.string()),
      }),
    },
    handler: async (request, reply) =>
      idempotent(
        context,
        request,
        reply,
        request.body,
        async () => {
          const issued = await createApiToken(
            app.store,
            context.auth,
            principalOf(request).userId,
            request.body,
            app.clock.nowUs(),
          );
          return {
            status: 201,
            body: {
              token: issued.token,
              tokenId: issued.record.tokenId,
              expiresAtUs: issued.record.expiresAtUs.toString(),
              scopes: [...issued.record.scopes],
            },
          };
        },
        { redact: (body) => ({ ...(body as Record<string, string>), token: shownOnce }) },
      ),
  });

  defineRoute(server, context, {
    operationId: 'revokeToken',
    method: 'POST',
    url: '/tokens/:tokenId/revoke',
    summary: "revoke a token at once (an administrator may revoke anyone's)",
    tags: ['tokens'],
    params: z.strictObject({ tokenId: z.string().min(1).max(32) }),
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: { 200: tokenSchema },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const principal = principalOf(request);
        const isAdministrator = principal.grants.some((grant) => grant.role === 'administrator');
        return {
          status: 200,
          body: tokenView(
            await revokeApiToken(
              app.store,
              principal.userId,
              request.params.tokenId,
              isAdministrator,
              app.clock.nowUs(),
            ),
          ),
        };
      }),
  });

  defineRoute(server, context, {
    operationId: 'verifyAudit',
    method: 'GET',
    url: '/audit/verification',
    summary: 'check every hash chain, checkpoint signature, transfer digest and balance',
    tags: ['audit'],
    response: {
      200: z.object({
        ok: z.boolean(),
        eventsChecked: z.string(),
        chainsChecked: z.number().int(),
        checkpointsChecked: z.number().int(),
        transfersChecked: z.string(),
        firstProblem: z.looseObject({}).nullable(),
        problemCount: z.number().int(),
      }),
    },
    handler: async () => {
      const result = await verifyAudit(app.store, app.trustedKeys);
      return {
        ok: result.ok,
        eventsChecked: result.eventsChecked.toString(),
        chainsChecked: result.chainsChecked,
        checkpointsChecked: result.checkpointsChecked,
        transfersChecked: result.transfersChecked.toString(),
        firstProblem: result.firstProblem
          ? (jsonSafe(result.firstProblem) as Record<string, unknown>)
          : null,
        problemCount: result.problems.length,
      };
    },
  });
}
