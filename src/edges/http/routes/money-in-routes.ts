// Money in, read and written over HTTP: deliveries, invoices, credit notes and deposits as cursor
// pages read in SQL (keyset, limit + 1 rows), a credit note recorded, and arrears by creditor with their ageing. The CSV upload and the
// invoice issue live in programme-routes.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordCreditNote } from '../../../app/money-in/issue-invoice.js';
import { loadInvoiceArrears } from '../../../app/disbursement/creditor-arrears.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { arrearsByCreditor } from '../../../core/programme/arrears.js';
import { dateOfInstantUs } from '../../../core/programme/day-boundary.js';
import { parseAmountMinor } from '../../../core/money/amount.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, keysetPage, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { anyObject, isoDate, minorUnits, programmeParams } from './schemas.js';

const record = z.looseObject({});
const list = <T>(items: T[]) => jsonSafe(items) as Record<string, unknown>[];

export function registerMoneyInRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listDeliveries',
    method: 'GET',
    url: '/programmes/:programmeId/deliveries',
    summary: 'metered deliveries of every creditor, by delivery key',
    tags: ['money in'],
    params: programmeParams,
    querystring: pageQuerySchema.extend({ supplierPartyId: z.string().min(1).max(64).optional() }),
    response: { 200: pageSchemaOf(z.looseObject({ deliveryKey: z.string() })) },
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      const { supplierPartyId, cursor, limit } = request.query;
      const after = decodeCursor(cursor);
      const rows = await app.store.moneyIn.listDeliveriesPage(request.params.programmeId, {
        ...(supplierPartyId !== undefined ? { supplierPartyId } : {}),
        ...(after !== undefined ? { afterDeliveryKey: after } : {}),
        limit: limit + 1,
      });
      return keysetPage(list(rows) as { deliveryKey: string }[], limit, (item) => item.deliveryKey);
    },
  });

  defineRoute(server, context, {
    operationId: 'listInvoices',
    method: 'GET',
    url: '/programmes/:programmeId/invoices',
    summary: 'invoices, by id',
    tags: ['money in'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(record) },
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      const after = decodeCursor(request.query.cursor);
      const rows = await app.store.moneyIn.listInvoicesPage(request.params.programmeId, {
        ...(after !== undefined ? { afterInvoiceId: after } : {}),
        limit: request.query.limit + 1,
      });
      const invoices = rows.map((entry) => ({
        ...entry.invoice,
        contentSha256: entry.contentSha256,
        recordedAtUs: entry.recordedAtUs,
      }));
      return keysetPage(
        list(invoices) as { invoiceId: string }[],
        request.query.limit,
        (item) => item.invoiceId,
      );
    },
  });

  defineRoute(server, context, {
    operationId: 'listCreditNotes',
    method: 'GET',
    url: '/programmes/:programmeId/credit-notes',
    summary: 'credit notes, by id',
    tags: ['money in'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(record) },
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      const after = decodeCursor(request.query.cursor);
      const rows = await app.store.moneyIn.listCreditNotesPage(request.params.programmeId, {
        ...(after !== undefined ? { afterCreditNoteId: after } : {}),
        limit: request.query.limit + 1,
      });
      return keysetPage(
        list(rows) as { creditNoteId: string }[],
        request.query.limit,
        (item) => item.creditNoteId,
      );
    },
  });

  defineRoute(server, context, {
    operationId: 'recordCreditNote',
    method: 'POST',
    url: '/programmes/:programmeId/credit-notes',
    summary: 'a credit note reducing an invoice (invoices are never edited)',
    tags: ['money in'],
    params: programmeParams,
    idempotent: true,
    body: z.strictObject({
      creditNoteId: z.string().min(1).max(64),
      invoiceId: z.string().min(1).max(64),
      amount: z
        .string()
        .regex(/^\d+(\.\d+)?$/, 'a decimal amount in the settlement currency, e.g. 1250.00'),
      because: z
        .string()
        .min(1)
        .max(500)
        .describe('the correction, as it appears on the credit note'),
      issuedOn: isoDate,
      reason: reasonSchema,
    }),
    response: {
      201: z
        .object({
          creditNoteId: z.string(),
          invoiceId: z.string(),
          amountMinor: minorUnits,
          currency: z.string(),
        })
        .loose(),
    },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const { programme } = await currentProgramme(app.store, request.params.programmeId);
        const { reason, amount, because, ...input } = request.body;
        const amountMinor = parseAmountMinor(amount, programme.settlementCurrency, {
          field: 'amount',
          allowZero: false,
        });
        const note = await recordCreditNote(
          app.store,
          programme.programmeId,
          { ...input, amountMinor, reason: because },
          actingAs(context, request, reason),
        );
        return { status: 201, body: note };
      }),
  });

  defineRoute(server, context, {
    operationId: 'listDeposits',
    method: 'GET',
    url: '/programmes/:programmeId/deposits',
    summary: 'deposits into the escrow, by id',
    tags: ['money in'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(z.looseObject({ depositId: z.string() })) },
    handler: async (request) => {
      await currentProgramme(app.store, request.params.programmeId);
      const after = decodeCursor(request.query.cursor);
      const records = await app.store.moneyIn.listDeposits(request.params.programmeId, {
        ...(after !== undefined ? { afterDepositId: after } : {}),
        limit: request.query.limit + 1,
      });
      const items = records.map((entry) => ({
        ...(jsonSafe(entry.deposit) as Record<string, unknown>),
        depositId: entry.deposit.depositId,
        contentSha256: entry.contentSha256,
        recordedAtUs: entry.recordedAtUs.toString(),
      }));
      return keysetPage(items, request.query.limit, (item) => item.depositId);
    },
  });

  defineRoute(server, context, {
    operationId: 'getArrears',
    method: 'GET',
    url: '/programmes/:programmeId/arrears',
    summary:
      'what is owed to each creditor (invoiced − credited − settled), aged by days since the invoice period ended',
    tags: ['money in'],
    params: programmeParams,
    querystring: z.strictObject({ asOf: isoDate.optional() }),
    response: {
      200: z.object({
        asOf: z.string(),
        currency: z.string(),
        creditors: z.array(
          z.object({
            supplierPartyId: z.string(),
            outstandingMinor: minorUnits,
            byAgeMinor: z.record(z.string(), minorUnits),
          }),
        ),
        invoices: z.array(anyObject),
      }),
    },
    handler: async (request) => {
      const { programme } = await currentProgramme(app.store, request.params.programmeId);
      const asOf = request.query.asOf ?? dateOfInstantUs(app.clock.nowUs(), programme.timeZone);
      const arrears = await loadInvoiceArrears(app.store, programme.programmeId);
      return jsonSafe({
        asOf,
        currency: programme.settlementCurrency,
        creditors: arrearsByCreditor(arrears, asOf as never),
        invoices: arrears,
      }) as never;
    },
  });
}
