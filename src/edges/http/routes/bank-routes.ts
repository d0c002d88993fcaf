// Bank messaging over HTTP (docs/bank.md): send the instructed payments as one pain.001 run and
// download it, upload what the bank sent back (pain.002 / camt.054, multipart) with its import
// report, and work the reconciliation exception list. Every action runs as the signed-in user;
// the use cases check the treasury role and write all or nothing.
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { exportInstructionRun } from '../../../app/bank/export-instructions.js';
import { importBankFile } from '../../../app/bank/import-bank-file.js';
import { readBankFile } from '../../../app/bank/read-bank-file.js';
import { resolveReconciliationException } from '../../../app/bank/resolve-exception.js';
import { xmlLimits } from '../../../app/bank/safe-xml.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { readMultipartForm } from '../multipart-form.js';
import {
  decodeInstantCursor,
  encodeInstantCursor,
  pageQuerySchema,
  pageSchemaOf,
} from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { anyObject, programmeParams } from './schemas.js';

const messageIdSchema = z
  .string()
  .min(1)
  .max(35)
  .regex(/^[A-Za-z0-9./:+-]+$/, 'an ISO 20022 message id');
const runParams = programmeParams.extend({ messageId: messageIdSchema });
const exceptionParams = programmeParams.extend({ exceptionId: z.string().min(1).max(100) });
const runSchema = z.object({
  messageId: z.string(),
  paymentCount: z.number().int(),
  fileSha256: z.string(),
  createdBy: z.string(),
  createdAtUs: z.string(),
  disbursementIds: z.array(z.string()),
});
const exceptionSchema = z
  .looseObject({
    exceptionId: z.string(),
    code: z.string(),
    message: z.string(),
    disbursementId: z.string().nullable(),
    resolvedBy: z.string().nullable(),
  })
  .meta({ id: 'ReconciliationException' });

export function registerBankRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'exportBankInstructions',
    method: 'POST',
    url: '/programmes/:programmeId/bank/instruction-runs',
    summary:
      'write every instructed disbursement not yet sent into one pain.001.001.09 run, and record it',
    tags: ['bank'],
    params: programmeParams,
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: { 201: runSchema },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const exported = await exportInstructionRun(
          app.store,
          request.params.programmeId,
          actingAs(context, request, request.body.reason),
        );
        const { fileXml: _xml, programmeId: _programme, ...run } = exported.run;
        return {
          status: 201,
          body: { ...(jsonSafe(run) as object), disbursementIds: [...exported.disbursementIds] },
        };
      }),
  });

  defineRoute(server, context, {
    operationId: 'downloadBankInstructions',
    method: 'GET',
    url: '/programmes/:programmeId/bank/instruction-runs/:messageId',
    summary: 'a recorded pain.001 run, byte for byte (application/xml)',
    tags: ['bank'],
    params: runParams,
    response: { 200: z.string().describe('the pain.001 XML') },
    handler: async (request, reply) => {
      const run = await app.store.bank.getRun(request.params.messageId);
      if (!run || run.programmeId !== request.params.programmeId)
        throw new DomainError(
          'bank.not_found',
          `no instruction run "${request.params.messageId}" of ${request.params.programmeId}`,
          { field: 'messageId' },
        );
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${run.messageId}.xml"`)
        .header('x-content-sha256', run.fileSha256)
        .send(run.fileXml);
    },
  });

  defineRoute(server, context, {
    operationId: 'importBankFile',
    method: 'POST',
    url: '/programmes/:programmeId/bank/files',
    summary:
      'apply a pain.002 status report or camt.054 notification (multipart: file, reason); the same file twice changes nothing',
    tags: ['bank'],
    params: programmeParams,
    multipart: true,
    idempotent: true,
    body: z.object({
      file: z.string().describe('the bank file (XML)'),
      reason: z.string().optional(),
    }),
    response: {
      200: z.looseObject({
        status: z.enum(['imported', 'duplicate']),
        file: anyObject,
        outcomes: z.array(anyObject),
      }),
    },
    handler: async (request, reply) => {
      await currentProgramme(app.store, request.params.programmeId);
      const form = await readMultipartForm(request, ['reason'], xmlLimits.bytesMax);
      const reason = form.fields.reason ?? 'file received from the custodian';
      // a file that does not parse is refused before anything is written, idempotency record included
      readBankFile(form.file.bytes);
      const fingerprint = {
        reason,
        sha256: createHash('sha256').update(form.file.bytes).digest('hex'),
      };
      return idempotent(context, request, reply, fingerprint, async () => {
        const result = await importBankFile(
          app.store,
          request.params.programmeId,
          form.file.bytes,
          actingAs(context, request, reason),
          app.screening,
        );
        return { status: 200, body: jsonSafe(result) as never };
      });
    },
  });

  defineRoute(server, context, {
    operationId: 'listBankExceptions',
    method: 'GET',
    url: '/programmes/:programmeId/bank/exceptions',
    summary: 'entries the bank sent that did not match (open ones, or all)',
    tags: ['bank'],
    params: programmeParams,
    querystring: pageQuerySchema.extend({ all: z.enum(['true', 'false']).optional() }),
    response: { 200: pageSchemaOf(exceptionSchema) },
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      // oldest first, keyset by (raised, id) in SQL
      const { limit } = request.query;
      const after = decodeInstantCursor(request.query.cursor);
      const rows = await app.store.bank.listExceptions(request.params.programmeId, {
        openOnly: request.query.all !== 'true',
        limit: limit + 1,
        ...(after ? { after: { raisedAtUs: after.atUs, exceptionId: after.id } } : {}),
      });
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: jsonSafe(rows.slice(0, limit)) as z.output<typeof exceptionSchema>[],
        nextCursor: last ? encodeInstantCursor(last.raisedAtUs, last.exceptionId) : null,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'resolveBankException',
    method: 'POST',
    url: '/programmes/:programmeId/bank/exceptions/:exceptionId/resolve',
    summary:
      'resolve a reconciliation exception with what was checked with the bank (at least 20 characters)',
    tags: ['bank'],
    params: exceptionParams,
    idempotent: true,
    body: z.strictObject({ reason: reasonSchema }),
    response: { 200: z.object({ exception: exceptionSchema }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const found = await app.store.bank.getException(request.params.exceptionId);
        if (!found || found.programmeId !== request.params.programmeId)
          throw new DomainError(
            'bank.not_found',
            `no reconciliation exception "${request.params.exceptionId}" of ${request.params.programmeId}`,
            { field: 'exceptionId' },
          );
        const resolved = await resolveReconciliationException(
          app.store,
          found.exceptionId,
          actingAs(context, request, request.body.reason),
        );
        return { status: 200, body: { exception: jsonSafe(resolved) as never } };
      }),
  });
}
