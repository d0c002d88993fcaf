// Configuration proposals (programme versions, waivers): list, one with its diff, propose a
// programme version; and the sweeps a scheduler or treasury runs: waiver expiry warnings and
// lapses, and expiry of pending ledger reservations. Everything as the authenticated user.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { proposeProgrammeVersion } from '../../../app/programme-service/propose-programme-version.js';
import { loadProposal, proposalDiff } from '../../../app/programme-service/proposal-diff.js';
import {
  configurationProposalStatuses,
  type ConfigurationProposalRecord,
} from '../../../app/ports/configuration-proposal-port.js';
import { sweepWaiverLapses } from '../../../app/waivers/sweep-waiver-lapses.js';
import { expirePendingTransfers } from '../../../app/ledger-service/expire-pending.js';
import { screenProgrammePayees } from '../../../app/programme-service/screen-programme-payees.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { assertProgrammeAccess } from '../auth/access-hook.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { anyObject, programmeParams } from './schemas.js';

const proposalSchema = z
  .looseObject({
    proposalId: z.string(),
    programmeId: z.string(),
    kind: z.string(),
    subjectId: z.string(),
    status: z.string(),
    proposedBy: z.string(),
  })
  .meta({ id: 'ConfigurationProposal' });
const proposalParams = z.strictObject({ proposalId: z.string().min(1).max(64) });
const proposalView = ({ contentJson: _content, ...rest }: ConfigurationProposalRecord) =>
  jsonSafe(rest) as z.output<typeof proposalSchema>;
/** proposal ids sort by number, not as text: CP-10 after CP-9 */

export function registerConfigurationRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listConfigurationProposals',
    method: 'GET',
    url: '/programmes/:programmeId/configuration-proposals',
    summary:
      "the programme's configuration proposals (programme versions and waivers), oldest first",
    tags: ['configuration'],
    params: programmeParams,
    querystring: pageQuerySchema.extend({
      status: z.enum([...configurationProposalStatuses, 'all']).default('proposed'),
    }),
    response: { 200: pageSchemaOf(proposalSchema) },
    handler: async (request) => {
      const { status, limit } = request.query;
      const { programmeId } = request.params;
      const after = decodeCursor(request.query.cursor);
      const afterProposalNo = after === undefined ? 0 : Number(after);
      if (!Number.isSafeInteger(afterProposalNo) || afterProposalNo < 0)
        throw new DomainError(
          'input.invalid_cursor',
          'cursor: use the nextCursor of the previous page',
          { field: 'cursor' },
        );
      // keyset by proposal number in SQL, one row more than the page says whether there is a next
      const rows = await app.store.proposals.list({
        programmeId,
        ...(status !== 'all' ? { status } : {}),
        afterProposalNo,
        limit: limit + 1,
      });
      // a programme is known by a version in force or a proposal (its first version may still be one)
      if (
        rows.length === 0 &&
        after === undefined &&
        !(await app.store.programmes.latestVersion(programmeId)) &&
        (await app.store.proposals.list({ programmeId, limit: 1 })).length === 0
      ) {
        throw new DomainError('programme.unknown', `no programme "${programmeId}"`, {
          field: 'programmeId',
        });
      }
      const items = rows.slice(0, limit);
      return {
        items: items.map(proposalView),
        nextCursor:
          rows.length > limit && items.length > 0
            ? encodeCursor(String(items[items.length - 1]!.proposalNo))
            : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'getConfigurationProposal',
    method: 'GET',
    url: '/configuration-proposals/:proposalId',
    summary: 'one proposal with what it would change: JSON paths, before → after',
    tags: ['configuration'],
    params: proposalParams,
    response: {
      200: z.object({
        proposal: proposalSchema,
        stale: z.boolean(),
        entries: z.array(anyObject),
        content: anyObject,
      }),
    },
    handler: async (request) => {
      const proposal = await loadProposal(app.store, request.params.proposalId);
      await assertProgrammeAccess(context, request, proposal.programmeId);
      const diff = await proposalDiff(app.store, proposal);
      return {
        proposal: proposalView(proposal),
        stale: diff.stale,
        entries: jsonSafe(diff.entries) as Record<string, unknown>[],
        content: JSON.parse(proposal.contentJson) as Record<string, unknown>,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'proposeProgrammeVersion',
    method: 'POST',
    url: '/configuration-proposals',
    summary:
      'propose a programme file as the next version (validated; in force once a second person approves it)',
    tags: ['configuration'],
    idempotent: true,
    body: z.strictObject({
      programme: z.record(z.string(), z.unknown()).describe('the programme file'),
      reason: reasonSchema,
    }),
    response: {
      201: z.object({
        status: z.enum(['proposed', 'already_proposed', 'unchanged']),
        programmeId: z.string(),
        versionNo: z.number().int().optional(),
        proposal: proposalSchema.optional(),
        diff: z.array(anyObject).optional(),
      }),
    },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const programmeId = request.body.programme.programmeId;
        // a new programme has no grants yet: only a wildcard grant may propose it
        if (typeof programmeId === 'string')
          await assertProgrammeAccess(context, request, programmeId);
        const result = await proposeProgrammeVersion(
          app.store,
          request.body.programme,
          actingAs(context, request, request.body.reason),
        );
        const body =
          result.status === 'unchanged'
            ? result
            : {
                status: result.status,
                programmeId: result.programmeId,
                proposal: proposalView(result.proposal),
                diff: jsonSafe(result.diff) as Record<string, unknown>[],
              };
        return { status: 201, body };
      }),
  });

  defineRoute(server, context, {
    operationId: 'sweepWaivers',
    method: 'POST',
    url: '/sweeps/waivers',
    summary:
      'raise waiver expiry warnings (30/14/7 days) and release reservations whose waiver has lapsed, on every programme',
    tags: ['waivers'],
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: { 200: z.object({ reports: z.array(anyObject) }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => ({
        status: 200,
        body: {
          reports: jsonSafe(
            await sweepWaiverLapses(app.store, actingAs(context, request, request.body.reason)),
          ) as Record<string, unknown>[],
        },
      })),
  });

  defineRoute(server, context, {
    operationId: 'sweepReservationExpiry',
    method: 'POST',
    url: '/sweeps/reservations',
    summary: 'void pending ledger reservations past their timeout',
    tags: ['ledger'],
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: { 200: z.object({ expired: z.array(anyObject), skipped: z.array(anyObject) }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const result = await expirePendingTransfers(
          app.store,
          actingAs(context, request, request.body.reason),
        );
        return {
          status: 200,
          body: {
            expired: jsonSafe(result.expired) as Record<string, unknown>[],
            skipped: jsonSafe(result.skipped) as Record<string, unknown>[],
          },
        };
      }),
  });

  defineRoute(server, context, {
    operationId: 'screenProgrammePayees',
    method: 'POST',
    url: '/programmes/:programmeId/payee-screening',
    summary:
      'screen every payee of the programme in force with its beneficial owners (after a new version); hits join the review queue',
    tags: ['screening'],
    params: programmeParams,
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: {
      200: z.object({
        screened: z.boolean(),
        reason: z.string().optional(),
        payees: z
          .array(z.object({ partyId: z.string(), stoppingHits: z.array(anyObject) }))
          .optional(),
      }),
    },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const { programme } = await currentProgramme(app.store, request.params.programmeId);
        return {
          status: 200,
          body: jsonSafe(await screenProgrammePayees(programme, app.screening)) as never,
        };
      }),
  });
}
