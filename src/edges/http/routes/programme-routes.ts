// Programmes, their parties and waivers, money in (CSV upload with row errors, invoices) and the
// statement: over the existing use cases, as the authenticated user.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Programme } from '../../../core/programme/programme.js';
import { importCsvText, importKinds, type ImportKind } from '../../../app/money-in/import-csv.js';
import { issueInvoiceFromDeliveries } from '../../../app/money-in/issue-invoice.js';
import { csvBytesMax } from '../../../core/programme/csv-import.js';
import { currentProgramme, programmeWaivers } from '../../../app/kernel/current-programme.js';
import {
  programmeStatement,
  statementBases,
  type StatementBasis,
} from '../../../app/reporting/programme-statement.js';
import { proposeWaiver } from '../../../app/waivers/propose-waiver.js';
import {
  approveConfigurationProposal,
  rejectConfigurationProposal,
} from '../../../app/programme-service/decide-configuration-proposal.js';
import { actingAs, principalOf, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { readMultipartForm } from '../multipart-form.js';
import { pageOf, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { anyObject, isoDate, programmeParams } from './schemas.js';

/** a deposit row not credited: its rate waits for a second person (the held-deposit routes) */
const heldRowSchema = z
  .object({
    line: z.number().int(),
    depositId: z.string(),
    findings: z.array(z.object({ code: z.string(), reason: z.string() })),
  })
  .meta({ id: 'HeldImportRow' });

/**
 * The JSON form of a validated programme, converted once per programme object: validated
 * programmes are cached and frozen (app/kernel/current-programme.ts), so the same object comes
 * back on every read of an unchanged version and its conversion was repeated work on each GET.
 */
const programmeJson = new WeakMap<Programme, Record<string, unknown>>();
function programmeAsJson(programme: Programme): Record<string, unknown> {
  let converted = programmeJson.get(programme);
  if (converted === undefined) {
    converted = jsonSafe(programme) as Record<string, unknown>;
    programmeJson.set(programme, converted);
  }
  return converted;
}

const programmeAnswerSchema = z.object({
  programmeId: z.string(),
  versionNo: z.number().int(),
  programme: anyObject,
});
const statementAnswerSchema = anyObject;

export function registerProgrammeRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listProgrammes',
    method: 'GET',
    url: '/programmes',
    summary: 'the programmes the caller may see',
    tags: ['programmes'],
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(z.object({ programmeId: z.string() })) },
    handler: async (request) => {
      const { grants } = principalOf(request);
      const visible = (await app.store.programmes.listProgrammeIds()).filter((id) =>
        grants.some((grant) => grant.programmeId === '*' || grant.programmeId === id),
      );
      return pageOf(
        visible.map((programmeId) => ({ programmeId })),
        (item) => item.programmeId,
        request.query.cursor,
        request.query.limit,
      );
    },
  });

  defineRoute(server, context, {
    operationId: 'getProgramme',
    method: 'GET',
    url: '/programmes/:programmeId',
    summary: 'the current version of a programme: channels, caps, tiers',
    tags: ['programmes'],
    params: programmeParams,
    response: { 200: programmeAnswerSchema },
    cacheKey: ({ params }) => params.programmeId,
    handler: async (request) => {
      const { programme, versionNo } = await currentProgramme(
        app.store,
        request.params.programmeId,
      );
      return {
        programmeId: programme.programmeId,
        versionNo,
        programme: programmeAsJson(programme),
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'listParties',
    method: 'GET',
    url: '/programmes/:programmeId/parties',
    summary: "the programme's parties",
    tags: ['programmes'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(z.looseObject({ partyId: z.string() })) },
    handler: async (request) => {
      const { programme } = await currentProgramme(app.store, request.params.programmeId);
      const parties = jsonSafe(programme.parties) as { partyId: string }[];
      return pageOf(parties, (party) => party.partyId, request.query.cursor, request.query.limit);
    },
  });

  defineRoute(server, context, {
    operationId: 'listWaivers',
    method: 'GET',
    url: '/programmes/:programmeId/waivers',
    summary: 'waivers of the programme',
    tags: ['waivers'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(z.looseObject({ waiverId: z.string() })) },
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      const waivers = jsonSafe(await programmeWaivers(app.store, request.params.programmeId)) as {
        waiverId: string;
      }[];
      return pageOf(
        waivers,
        (waiver) => waiver.waiverId,
        request.query.cursor,
        request.query.limit,
      );
    },
  });

  defineRoute(server, context, {
    operationId: 'recordWaiver',
    method: 'POST',
    url: '/programmes/:programmeId/waivers',
    summary: 'propose a waiver, renewal or revocation (in force once a second person approves it)',
    tags: ['waivers'],
    params: programmeParams,
    idempotent: true,
    body: z.strictObject({ waiver: z.record(z.string(), z.unknown()), reason: reasonSchema }),
    response: { 202: anyObject },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const result = await proposeWaiver(
          app.store,
          request.params.programmeId,
          request.body.waiver,
          actingAs(context, request, request.body.reason),
        );
        return { status: 202, body: jsonSafe(result) as Record<string, unknown> };
      }),
  });

  for (const decision of ['approve', 'reject'] as const) {
    defineRoute(server, context, {
      operationId:
        decision === 'approve' ? 'approveConfigurationProposal' : 'rejectConfigurationProposal',
      method: 'POST',
      url: `/configuration-proposals/:proposalId/${decision}`,
      summary:
        decision === 'approve'
          ? 'approve a programme version or waiver proposal (never its proposer; a legal-basis change only by the overseer)'
          : 'reject a configuration proposal with a reason',
      tags: ['configuration'],
      params: z.strictObject({ proposalId: z.string().min(1).max(64) }),
      idempotent: true,
      body: z.strictObject({ reason: reasonSchema }),
      response: { 200: anyObject },
      handler: async (request, reply) =>
        idempotent(context, request, reply, request.body, async () => {
          const decide =
            decision === 'approve' ? approveConfigurationProposal : rejectConfigurationProposal;
          const result = await decide(
            app.store,
            request.params.proposalId,
            actingAs(context, request, request.body.reason),
          );
          return { status: 200, body: jsonSafe(result) as Record<string, unknown> };
        }),
    });
  }

  defineRoute(server, context, {
    operationId: 'getStatement',
    method: 'GET',
    url: '/programmes/:programmeId/statement',
    summary: 'invoiced, deposited, disbursed, reserved, available, arrears, waiver status',
    tags: ['statements'],
    params: programmeParams,
    querystring: z.strictObject({
      from: isoDate,
      to: isoDate,
      basis: z
        .enum(statementBases as [StatementBasis, ...StatementBasis[]])
        .default('business')
        .describe(
          'business: movements by period, received and value date; booking: by when Qanat recorded them',
        ),
    }),
    response: { 200: statementAnswerSchema },
    cacheKey: ({ params, query }) =>
      `${params.programmeId}:${query.from}:${query.to}:${query.basis}`,
    handler: async (request) =>
      jsonSafe(await programmeStatement(app.store, request.params.programmeId, request.query)),
  });

  defineRoute(server, context, {
    operationId: 'importCsv',
    method: 'POST',
    url: '/programmes/:programmeId/imports/:kind',
    summary:
      'upload deliveries, invoices or deposits as CSV (multipart field "file"); bad rows come back with line and column',
    tags: ['money in'],
    params: z.strictObject({
      programmeId: z.string().min(1).max(64),
      kind: z.enum(importKinds as [ImportKind, ...ImportKind[]]),
    }),
    body: z.object({
      file: z.string().describe('the CSV file'),
      partial: z.enum(['true', 'false']).optional(),
      reason: z.string().optional(),
    }),
    multipart: true,
    idempotent: true,
    response: {
      201: z.object({
        programmeId: z.string(),
        kind: z.string(),
        fileSha256: z.string(),
        imported: z.number().int(),
        duplicates: z.number().int(),
        rejected: z.array(anyObject),
        transferIds: z.array(z.string()),
        held: z.array(heldRowSchema),
      }),
    },
    handler: async (request, reply) => {
      const form = await readMultipartForm(request, ['partial', 'reason'], csvBytesMax);
      const partial = form.fields.partial === 'true';
      const reason = form.fields.reason ?? 'CSV upload';
      const { programmeId, kind } = request.params;
      return idempotent(
        context,
        request,
        reply,
        { kind, partial, reason, file: form.file.bytes.toString('base64') },
        async () => ({
          status: 201,
          body: await importCsvText(
            app.store,
            kind,
            programmeId,
            form.file.bytes.toString('utf8'),
            { partial },
            actingAs(context, request, reason),
          ),
        }),
      );
    },
  });

  defineRoute(server, context, {
    operationId: 'issueInvoice',
    method: 'POST',
    url: '/programmes/:programmeId/invoices',
    summary: "invoice a supplier's uninvoiced deliveries within a period",
    tags: ['money in'],
    params: programmeParams,
    idempotent: true,
    body: z.strictObject({
      invoiceId: z.string().min(1).max(64),
      supplierPartyId: z.string().min(1).max(64),
      periodStart: isoDate,
      periodEnd: isoDate,
      reason: reasonSchema,
    }),
    response: { 201: z.object({ status: z.string(), invoice: anyObject }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const { reason, ...input } = request.body;
        const result = await issueInvoiceFromDeliveries(
          app.store,
          request.params.programmeId,
          input,
          actingAs(context, request, reason),
        );
        return { status: 201, body: result };
      }),
  });
}
