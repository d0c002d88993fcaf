// Invoices computed from the recorded deliveries, and credit notes against them. An invoice is
// never edited: a correction is a credit note, and both move money in the ledger.
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { submitTransfersInTransaction } from '../ledger-service/submit-transfers.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { committedPayments, loadInvoiceArrears } from '../kernel/arrears-state.js';
import { creditNoteProblem } from '../../core/programme/arrears.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import { checkRecordId, contentSha256 } from '../../core/programme/content-key.js';
import {
  creditNote,
  invoiceForPeriod,
  type CreditNote,
  type Invoice,
} from '../../core/programme/invoice.js';
import { creditNoteTransfer, invoiceTransfer } from '../../core/programme/ledger-movements.js';
import { programmeAccountIds } from '../../core/programme/chart-of-accounts.js';
import { currentProgramme, resolveProgrammeId } from '../kernel/current-programme.js';
import type { Store } from '../ports/store-port.js';
import { requireRole } from '../kernel/users.js';

export async function issueInvoiceFromDeliveries(
  store: Store,
  requestedProgrammeId: string | undefined,
  header: { invoiceId: string; supplierPartyId: string; periodStart: IsoDate; periodEnd: IsoDate },
  context: ActorContext,
): Promise<{ invoice: Invoice; status: 'created' | 'unchanged' }> {
  checkActorContext(context);
  checkRecordId(header.invoiceId, 'invoiceId');
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const programmeId = await resolveProgrammeId(tx, requestedProgrammeId);
      await requireRole(tx, context.actor, 'money_in.invoices', programmeId);
      const { programme } = await currentProgramme(tx, programmeId);
      const stored = (await tx.moneyIn.findInvoices(programmeId, [header.invoiceId])).get(
        header.invoiceId,
      );
      const deliveries = (
        await tx.moneyIn.deliveriesOfSupplier(programmeId, header.supplierPartyId)
      ).filter(
        (record) =>
          record.delivery.periodStart >= header.periodStart &&
          record.delivery.periodEnd <= header.periodEnd,
      );
      if (stored) {
        const same =
          stored.invoice.supplierPartyId === header.supplierPartyId &&
          stored.invoice.periodStart === header.periodStart &&
          stored.invoice.periodEnd === header.periodEnd;
        if (same) return { invoice: stored.invoice, status: 'unchanged' as const };
        throw new DomainError(
          'invoice.id_conflict',
          `invoice ${header.invoiceId} already exists for another supplier or period`,
          { field: 'invoiceId' },
        );
      }
      const open = deliveries.filter((record) => record.invoiceId === null);
      if (open.length === 0)
        throw new DomainError(
          'invoice.no_deliveries',
          `no uninvoiced deliveries of ${header.supplierPartyId} within ${header.periodStart}–${header.periodEnd}`,
          { field: 'deliveries' },
        );
      const invoice = invoiceForPeriod(
        programme,
        header,
        open.map((record) => record.delivery),
      );
      await tx.moneyIn.insertInvoices([
        {
          programmeId,
          invoice,
          contentSha256: contentSha256(invoice),
          recordedAtUs: context.nowUs,
        },
      ]);
      await tx.moneyIn.markDeliveriesInvoiced(
        programmeId,
        open.map((record) => record.deliveryKey),
        invoice.invoiceId,
      );
      await submitTransfersInTransaction(tx, [invoiceTransfer(programme, invoice)], context);
      await tx.audit.append({
        kind: 'invoice.issued',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `invoice:${programmeId}/${invoice.invoiceId}`,
        payload: {
          programmeId,
          invoiceId: invoice.invoiceId,
          supplierPartyId: invoice.supplierPartyId,
          totalMinor: invoice.totalMinor,
          currency: invoice.currency,
          deliveries: open.length,
        },
      });
      return { invoice, status: 'created' as const };
    }),
  );
}

export async function recordCreditNote(
  store: Store,
  requestedProgrammeId: string | undefined,
  input: {
    creditNoteId: string;
    invoiceId: string;
    amountMinor: bigint;
    reason: string;
    issuedOn: IsoDate;
  },
  context: ActorContext,
): Promise<CreditNote> {
  checkActorContext(context);
  checkRecordId(input.creditNoteId, 'creditNoteId');
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const programmeId = await resolveProgrammeId(tx, requestedProgrammeId);
      await requireRole(tx, context.actor, 'money_in.credit_note', programmeId);
      const { programme } = await currentProgramme(tx, programmeId);
      const invoice = (await tx.moneyIn.findInvoices(programmeId, [input.invoiceId])).get(
        input.invoiceId,
      )?.invoice;
      if (!invoice)
        throw new DomainError('invoice.not_found', `no invoice "${input.invoiceId}"`, {
          field: 'invoiceId',
        });
      const prior = await tx.moneyIn.creditNotesOf(programmeId, input.invoiceId);
      const note = creditNote(invoice, prior, input);
      // never below what is paid or committed: per invoice, per creditor, over the programme. The
      // escrow is locked first (in id order with the note's own accounts), as a reservation locks
      // it, so a reservation and a credit note are checked one after the other, never both at once.
      const ids = programmeAccountIds(programme);
      await tx.ledger.lockAccounts([ids.creditorOwed, ids.creditorCredited, ids.escrow].sort());
      const arrears = await loadInvoiceArrears(tx, programmeId);
      const problem = creditNoteProblem(
        arrears,
        await committedPayments(tx, programmeId),
        note,
        programme.settlementCurrency,
      );
      if (problem) throw problem;
      await tx.moneyIn.insertCreditNote(programmeId, note, context.nowUs);
      await submitTransfersInTransaction(tx, [creditNoteTransfer(programme, note)], context);
      await tx.audit.append({
        kind: 'invoice.credit_note',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `invoice:${programmeId}/${invoice.invoiceId}`,
        payload: {
          programmeId,
          creditNoteId: note.creditNoteId,
          invoiceId: note.invoiceId,
          amountMinor: note.amountMinor,
          currency: note.currency,
          reason: note.reason,
        },
      });
      return note;
    }),
  );
}
