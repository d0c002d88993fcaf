// What is owed and what is committed against it, read in the caller's transaction: the arrears
// per invoice (src/core/programme/arrears.ts) and the payments holding a reservation. Shared by
// the disbursement steps (outstanding check, allocation) and credit notes (never below committed).
import {
  invoiceArrears,
  type CommittedPayment,
  type InvoiceArrears,
} from '../../core/programme/arrears.js';
import { holdsReservation } from '../../core/programme/disbursement-state-machine.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';

export async function loadInvoiceArrears(
  tx: Pick<StoreSession, 'moneyIn'>,
  programmeId: string,
): Promise<InvoiceArrears[]> {
  const invoices = (await tx.moneyIn.listInvoices(programmeId)).map((record) => record.invoice);
  return invoiceArrears(
    invoices,
    await tx.moneyIn.listCreditNotes(programmeId),
    await tx.moneyIn.listAllocations(programmeId),
  );
}

/** The creditor whose debt a payment pays (debt channel), or none: it settles the programme's arrears. */
export function creditorOf(record: Pick<DisbursementRecord, 'request'>): string | undefined {
  return record.request.debt?.debtorOfRecordPartyId;
}

export function asCommitted(record: DisbursementRecord): CommittedPayment {
  return { creditorPartyId: creditorOf(record), amountMinor: record.ledgerAmountMinor };
}

/** Reserved, instructed, or held in review with a reservation: not executed, but committed. */
export async function committedPayments(
  tx: Pick<StoreSession, 'disbursements'>,
  programmeId: string,
  exceptDisbursementId?: string,
): Promise<CommittedPayment[]> {
  const committed = await tx.disbursements.listCommitted(programmeId);
  return committed
    .filter(
      (other) => other.disbursementId !== exceptDisbursementId && holdsReservation(other.status),
    )
    .map(asCommitted);
}
