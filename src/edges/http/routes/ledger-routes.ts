// The ledger, read-only: accounts with their balances, one account's balances now or at a past
// instant, and its transfers in time order (cursor-paged). Every account id begins with its
// programme's id ("P/escrow/EUR"), so a caller sees only the accounts of programmes it holds a
// grant for. Money never moves here: only the workflows write the ledger.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getBalances, getHistory } from '../../../app/ledger-service/balances.js';
import { parseInstant } from '../../../core/time/instant.js';
import { assertProgrammeAccess, grantsAllow } from '../auth/access-hook.js';
import type { ApiContext } from '../api-context.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute } from '../route-kit.js';
import { anyObject } from './schemas.js';
import { DomainError } from '../../../core/domain-error.js';

const accountParams = z.strictObject({ accountId: z.string().min(1).max(128) });

/** the programme an account belongs to: the part of its id before the first "/" */
export function programmeOfAccount(accountId: string): string {
  return accountId.split('/')[0]!;
}

/** a malformed instant is bad input (400), as a schema failure would be */
function instantQuery(text: string): bigint {
  try {
    return parseInstant(text, 'at');
  } catch (error) {
    throw new DomainError('input.invalid', error instanceof Error ? error.message : String(error), {
      field: 'at',
    });
  }
}

function policyOf(context: ApiContext, request: FastifyRequest) {
  const operation = context.policy.operations[request.routeOptions.config.operationId ?? ''];
  if (!operation || !request.principal) throw new DomainError('auth.forbidden', 'no access policy');
  return { operation, principal: request.principal };
}

export function registerLedgerRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listLedgerAccounts',
    method: 'GET',
    url: '/ledger/accounts',
    summary: 'accounts of the programmes the caller may see, with their balances',
    tags: ['ledger'],
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(z.looseObject({ id: z.string(), currency: z.string() })) },
    handler: async (request) => {
      const { operation, principal } = policyOf(context, request);
      const after = decodeCursor(request.query.cursor);
      const visible = (await app.store.ledger.listAccounts())
        .filter((account) => grantsAllow(principal, operation, programmeOfAccount(account.id)))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .filter((account) => after === undefined || account.id > after);
      const page = visible.slice(0, request.query.limit);
      const last = page.at(-1);
      return {
        items: jsonSafe(page) as { id: string; currency: string }[],
        nextCursor: visible.length > page.length && last ? encodeCursor(last.id) : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'getLedgerBalance',
    method: 'GET',
    url: '/ledger/accounts/:accountId/balance',
    summary: "an account's balances now or as they stood at a past instant",
    tags: ['ledger'],
    params: accountParams,
    querystring: z.strictObject({
      at: z.string().max(40).optional().describe('ISO 8601 instant, e.g. 2026-07-01T00:00:00Z'),
    }),
    response: { 200: anyObject },
    handler: async (request) => {
      await assertProgrammeAccess(context, request, programmeOfAccount(request.params.accountId));
      const atUs = request.query.at === undefined ? undefined : instantQuery(request.query.at);
      return jsonSafe(await getBalances(app.store, request.params.accountId, atUs)) as Record<
        string,
        unknown
      >;
    },
  });

  defineRoute(server, context, {
    operationId: 'listLedgerHistory',
    method: 'GET',
    url: '/ledger/accounts/:accountId/history',
    summary: "an account's transfers in time order",
    tags: ['ledger'],
    params: accountParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(z.looseObject({ id: z.string() })) },
    handler: async (request) => {
      await assertProgrammeAccess(context, request, programmeOfAccount(request.params.accountId));
      const after = decodeCursor(request.query.cursor);
      if (after !== undefined && !/^\d{1,20}$/.test(after))
        throw new DomainError(
          'input.invalid_cursor',
          'cursor: use the nextCursor of the previous page',
          { field: 'cursor' },
        );
      const page = await getHistory(app.store, request.params.accountId, {
        limit: request.query.limit,
        ...(after !== undefined ? { afterTimestampUs: BigInt(after) } : {}),
      });
      return {
        items: jsonSafe(page.transfers) as { id: string }[],
        nextCursor: page.nextCursorUs === null ? null : encodeCursor(page.nextCursorUs.toString()),
      };
    },
  });
}
