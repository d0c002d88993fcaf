// Payments settle what is owed (src/core/programme/arrears.ts): the outstanding check before money is
// committed, and the oldest-first allocation recorded when the bank executes.
import { allocateOldestFirst, invoiceArrears, outstandingProblem, type Allocation, type InvoiceArrears } from '../../core/programme/arrears.js';
import { holdsReservation } from '../../core/programme/disbursement-state-machine.js';
import type { Programme } from '../../core/programme/programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';

export async function loadInvoiceArrears(tx: Pick<StoreSession, 'moneyIn'>, programmeId: string): Promise<InvoiceArrears[]> {
  const invoices = (await tx.moneyIn.listInvoices(programmeId)).map((record) => record.invoice);
  return invoiceArrears(invoices, await tx.moneyIn.listCreditNotes(programmeId), await tx.moneyIn.listAllocations(programmeId));
}

/** Refuses (throws) a payment above invoiced − credited − settled − reserved by others. */
export async function checkOutstanding(tx: StoreSession, programme: Programme, record: DisbursementRecord): Promise<void> {
  const arrears = await loadInvoiceArrears(tx, record.programmeId);
  const committed = await tx.disbursements.listCommitted(record.programmeId);
  const committedOtherMinor = committed.filter((other) => other.disbursementId !== record.disbursementId && holdsReservation(other.status)).reduce((sum, other) => sum + other.ledgerAmountMinor, 0n);
  const problem = outstandingProblem(arrears, committedOtherMinor, record.ledgerAmountMinor, programme.settlementCurrency);
  if (problem) throw problem;
}

/** Allocate an executed payment to invoices, oldest outstanding first, and record the allocation. */
export async function allocateExecution(tx: StoreSession, record: DisbursementRecord, nowUs: bigint): Promise<Allocation[]> {
  const allocations = allocateOldestFirst(await loadInvoiceArrears(tx, record.programmeId), record.disbursementId, record.ledgerAmountMinor);
  await tx.moneyIn.insertAllocations(record.programmeId, allocations, nowUs);
  return allocations;
}
