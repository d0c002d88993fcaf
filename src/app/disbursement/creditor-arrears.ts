// Payments settle what is owed (src/core/programme/arrears.ts): the outstanding check before money is
// committed, and the oldest-first allocation recorded when the bank executes. A payment of one
// creditor's debt (debt channel) is checked against and allocated to that creditor's invoices.
import {
  allocateOldestFirst,
  outstandingProblem,
  type Allocation,
} from '../../core/programme/arrears.js';
import type { Programme } from '../../core/programme/programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';
import {
  asCommitted,
  committedPayments,
  creditorOf,
  loadInvoiceArrears,
} from '../kernel/arrears-state.js';

export { loadInvoiceArrears } from '../kernel/arrears-state.js';

/** Refuses (throws) a payment above invoiced − credited − settled − reserved by others (per creditor too). */
export async function checkOutstanding(
  tx: StoreSession,
  programme: Programme,
  record: DisbursementRecord,
): Promise<void> {
  const arrears = await loadInvoiceArrears(tx, record.programmeId);
  const others = await committedPayments(tx, record.programmeId, record.disbursementId);
  const problem = outstandingProblem(
    arrears,
    others,
    asCommitted(record),
    programme.settlementCurrency,
  );
  if (problem) throw problem;
}

/** Allocate an executed payment to invoices, oldest outstanding first, and record the allocation. */
export async function allocateExecution(
  tx: StoreSession,
  record: DisbursementRecord,
  nowUs: bigint,
): Promise<Allocation[]> {
  const arrears = await loadInvoiceArrears(tx, record.programmeId);
  const committedOther = await committedPayments(tx, record.programmeId, record.disbursementId);
  const allocations = allocateOldestFirst(
    arrears,
    record.disbursementId,
    record.ledgerAmountMinor,
    { creditorPartyId: creditorOf(record), committedOther },
  );
  await tx.moneyIn.insertAllocations(record.programmeId, allocations, nowUs);
  return allocations;
}
