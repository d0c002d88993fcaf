// The disbursement workflow over HTTP: create, attach documents, every transition, show, list.
// Each action runs as the authenticated user; the programme is checked against the caller's grants.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { attachDocument } from '../../../app/disbursement/attach-document.js';
import { createDisbursement } from '../../../app/disbursement/create-disbursement.js';
import { parseDisbursementInput } from '../../../app/disbursement/disbursement-input.js';
import { instructBank, recordExecution } from '../../../app/disbursement/instruct-and-execute.js';
import { reserveFunds } from '../../../app/disbursement/reserve-funds.js';
import {
  approveDisbursement,
  cancelDisbursement,
  clearCompliance,
  overrideWarning,
  recordNonObjection,
  rejectDisbursement,
} from '../../../app/disbursement/review-actions.js';
import {
  screenDisbursement,
  submitDisbursement,
} from '../../../app/disbursement/submit-disbursement.js';
import {
  bankReferenceLengthMax,
  returnDisbursement,
} from '../../../app/disbursement/return-disbursement.js';
import { loadDisbursement } from '../../../app/disbursement/workflow-step.js';
import type { ActorContext } from '../../../app/kernel/actor-context.js';
import {
  disbursementStatuses,
  type DisbursementStatus,
} from '../../../core/programme/disbursement-state-machine.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { blobBytesMax, type DisbursementRecord } from '../../../app/ports/programme-ports.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { assertProgrammeAccess } from '../auth/access-hook.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { readMultipartForm } from '../multipart-form.js';
import {
  decodeCursor,
  encodeCursor,
  pageOf,
  pageQuerySchema,
  pageSchemaOf,
} from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import {
  disbursementParams,
  disbursementSchema,
  documentAttachmentSchema,
  programmeParams,
} from './schemas.js';

const disbursementPageSchema = pageSchemaOf(disbursementSchema);

type Step = (
  context: ActorContext,
  id: string,
  body: Record<string, string>,
) => Promise<DisbursementRecord>;

export function registerDisbursementRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  const record = (value: DisbursementRecord) =>
    jsonSafe(value) as z.output<typeof disbursementSchema>;
  /** the disbursement, after checking the caller may act on its programme */
  const loadChecked = async (request: FastifyRequest, id: string): Promise<DisbursementRecord> => {
    const found = await loadDisbursement(app.store, id);
    await assertProgrammeAccess(context, request, found.programmeId);
    return found;
  };

  defineRoute(server, context, {
    operationId: 'listDisbursements',
    method: 'GET',
    url: '/programmes/:programmeId/disbursements',
    summary: "the programme's disbursements, by id",
    tags: ['disbursements'],
    params: programmeParams,
    querystring: pageQuerySchema.extend({
      status: z
        .enum(disbursementStatuses as unknown as [DisbursementStatus, ...DisbursementStatus[]])
        .optional(),
    }),
    response: { 200: disbursementPageSchema },
    cacheKey: ({ params, query }) =>
      `${params.programmeId}:${query.status ?? ''}:${query.cursor ?? ''}:${query.limit}`,
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      const after = decodeCursor(request.query.cursor);
      // one row more than the page says whether another page follows
      const rows = await app.store.disbursements.listPage(request.params.programmeId, {
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(after !== undefined ? { afterDisbursementId: after } : {}),
        limit: request.query.limit + 1,
      });
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      const nextCursor =
        rows.length > request.query.limit && last ? encodeCursor(last.disbursementId) : null;
      return { items: items.map(record), nextCursor };
    },
  });

  defineRoute(server, context, {
    operationId: 'createDisbursement',
    method: 'POST',
    url: '/programmes/:programmeId/disbursements',
    summary: 'create a draft (documents by SHA-256 of stored documents, or attach them afterwards)',
    tags: ['disbursements'],
    params: programmeParams,
    idempotent: true,
    body: z.strictObject({
      request: z
        .record(z.string(), z.unknown())
        .describe(
          'the create-disbursement file: disbursementId, channelId, payeePartyId, amount, currency, valueDate, purpose, documents [{kind, sha256}], goods?, debt?',
        ),
      reason: reasonSchema.optional(),
    }),
    response: {
      201: z.object({
        status: z.string(),
        disbursement: disbursementSchema,
        findings: z.array(z.looseObject({ code: z.string() })),
      }),
    },
    handler: async (request, reply) =>
      idempotent(
        context,
        request,
        reply,
        request.body,
        async () => {
          const input = parseDisbursementInput({
            programmeId: request.params.programmeId,
            ...request.body.request,
          });
          if (input.programmeId !== request.params.programmeId)
            throw new DomainError(
              'disbursement.invalid',
              `programmeId: the request names ${input.programmeId}, the path ${request.params.programmeId}`,
              { field: 'request.programmeId' },
            );
          const documents = input.documents.map((document) => {
            if (!('sha256' in document))
              throw new DomainError(
                'disbursement.invalid',
                'documents: give the SHA-256 of a stored document, or attach the file afterwards',
                { field: 'request.documents' },
              );
            return document;
          });
          const result = await createDisbursement(
            app.store,
            { ...input, documents },
            actingAs(context, request, request.body.reason ?? 'draft created'),
          );
          return {
            status: 201,
            body: {
              status: result.status,
              disbursement: record(result.record),
              findings: jsonSafe([...result.preview.violations, ...result.preview.warnings]),
            },
          };
        },
        { oneTransaction: true },
      ),
  });

  defineRoute(server, context, {
    operationId: 'getDisbursement',
    method: 'GET',
    url: '/disbursements/:disbursementId',
    summary: 'one disbursement with its documents',
    tags: ['disbursements'],
    params: disbursementParams,
    response: {
      200: z.object({
        disbursement: disbursementSchema,
        documents: z.array(documentAttachmentSchema),
      }),
    },
    handler: async (request) => {
      const found = await loadChecked(request, request.params.disbursementId);
      return {
        disbursement: record(found),
        documents: jsonSafe(
          await app.store.disbursements.listDocuments(found.disbursementId),
        ) as z.output<typeof documentAttachmentSchema>[],
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'listDisbursementDocuments',
    method: 'GET',
    url: '/disbursements/:disbursementId/documents',
    summary: 'documents attached to a disbursement',
    tags: ['documents'],
    params: disbursementParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(documentAttachmentSchema) },
    handler: async (request) => {
      const found = await loadChecked(request, request.params.disbursementId);
      const documents = jsonSafe(
        await app.store.disbursements.listDocuments(found.disbursementId),
      ) as z.output<typeof documentAttachmentSchema>[];
      return pageOf(
        documents,
        (document) => `${document.kind}/${document.sha256}`,
        request.query.cursor,
        request.query.limit,
      );
    },
  });

  defineRoute(server, context, {
    operationId: 'attachDocument',
    method: 'POST',
    url: '/disbursements/:disbursementId/documents',
    summary:
      'attach a supporting document (multipart: kind, file); stored by SHA-256, never replaced',
    tags: ['documents'],
    params: disbursementParams,
    multipart: true,
    idempotent: true,
    body: z.object({
      kind: z.string(),
      file: z.string().describe('the document'),
      reason: z.string().optional(),
    }),
    response: { 201: z.object({ sha256: z.string(), attached: z.boolean() }) },
    handler: async (request, reply) => {
      const found = await loadChecked(request, request.params.disbursementId);
      const form = await readMultipartForm(request, ['kind', 'reason'], blobBytesMax);
      const kind = form.fields.kind;
      if (kind === undefined)
        throw new DomainError('input.invalid', 'multipart: the field "kind" is missing', {
          field: 'kind',
        });
      const reason = form.fields.reason ?? 'document attached';
      return idempotent(
        context,
        request,
        reply,
        { kind, reason, file: form.file.bytes.toString('base64') },
        async () => ({
          status: 201,
          body: await attachDocument(
            app.store,
            found.disbursementId,
            kind,
            form.file.bytes,
            actingAs(context, request, reason),
          ),
        }),
      );
    },
  });

  // A step is one transaction with its Idempotency-Key, except submit and screen: they commit
  // submitted and screening before the engine runs, so a failing engine leaves a state to resume.
  const step = (
    operationId: string,
    path: string,
    summary: string,
    extra: Record<string, z.ZodType>,
    run: Step,
    oneTransaction = true,
  ) => {
    defineRoute(server, context, {
      operationId,
      method: 'POST',
      url: `/disbursements/:disbursementId/${path}`,
      summary,
      tags: ['disbursements'],
      params: disbursementParams,
      idempotent: true,
      body: z.strictObject({ reason: reasonSchema, ...extra }),
      response: { 200: z.object({ disbursement: disbursementSchema }) },
      handler: async (request, reply) => {
        const found = await loadChecked(request, request.params.disbursementId);
        const body = request.body as Record<string, string> & { reason: string };
        return idempotent(
          context,
          request,
          reply,
          body,
          async () => ({
            status: 200,
            body: {
              disbursement: record(
                await run(actingAs(context, request, body.reason), found.disbursementId, body),
              ),
            },
          }),
          { oneTransaction },
        );
      },
    });
  };
  const text = z.string().min(1).max(200);
  step(
    'submitDisbursement',
    'submit',
    'submit a draft: channel rules checked, payee screened',
    {},
    (c, id) => submitDisbursement(app.store, id, c, app.screening),
    false,
  );
  step(
    'clearCompliance',
    'clear',
    'clear screening hits (the reason is the finding)',
    {},
    (c, id) => clearCompliance(app.store, id, c),
  );
  step(
    'approveDisbursement',
    'approve',
    'approve (never the requester, never twice)',
    {},
    (c, id) => approveDisbursement(app.store, id, c),
  );
  step(
    'rejectDisbursement',
    'reject',
    'reject, or record the bank returning an instructed payment (treasury)',
    {},
    (c, id) => rejectDisbursement(app.store, id, c),
  );
  step(
    'overrideWarning',
    'override',
    'override a warning, such as a price above its band',
    {
      finding: text,
      document: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
    },
    (c, id, body) => overrideWarning(app.store, id, body.finding ?? '', c, body.document),
  );
  step(
    'recordNonObjection',
    'non-objection',
    "record the overseer's non-objection",
    { reference: text },
    (c, id, body) => recordNonObjection(app.store, id, body.reference ?? '', c),
  );
  step(
    'reserveFunds',
    'reserve',
    'reserve the funds under the covering waiver (caps checked)',
    {},
    (c, id) => reserveFunds(app.store, id, c, app.screening),
  );
  step('instructBank', 'instruct', 'instruct the custodian bank', {}, (c, id) =>
    instructBank(app.store, id, c, app.screening),
  );
  step(
    'recordExecution',
    'execute',
    "record the bank's execution: the reservation is posted",
    { bankReference: text },
    (c, id, body) => recordExecution(app.store, id, body.bankReference ?? '', c, app.screening),
  );
  step(
    'cancelDisbursement',
    'cancel',
    'cancel (the requester or an approver); a reservation is released',
    {},
    (c, id) => cancelDisbursement(app.store, id, c),
  );
  step(
    'resumeScreening',
    'screen',
    'resume the screening of a submitted disbursement (after the lists could not be reached)',
    {},
    (c, id) => screenDisbursement(app.store, id, c, app.screening),
    false,
  );
  const returnReference = z.string().min(1).max(bankReferenceLengthMax);
  const returnReasonCode = z
    .string()
    .regex(/^[A-Z0-9]{4}$/, 'an ISO 20022 return reason code, e.g. AC04');
  step(
    'recordReturn',
    'return',
    "record a return after execution by the beneficiary's bank: money back to the escrow, the claim owed again",
    { bankReference: returnReference, reasonCode: returnReasonCode },
    (c, id, body) =>
      returnDisbursement(
        app.store,
        id,
        { bankReference: body.bankReference ?? '', reasonCode: body.reasonCode ?? '' },
        c,
      ),
  );
}
