// What is owed, per creditor and per invoice, and how a payment settles it. An invoice's
// outstanding amount is its total less its credit notes less what executed disbursements were
// allocated to it (a bank return allocates the same amounts back, negatively). The programme's
// outstanding amount for a new payment also subtracts what is reserved or instructed but not yet
// executed. The allocation rule: oldest outstanding invoice first (by period end, then period
// start, then invoice id), each invoice filled before the next; a payment never allocates more
// than is outstanding. Pure: the caller loads invoices, notes and allocations in its transaction.
import { DomainError } from '../domain-error.js';
import { daysBetween, type IsoDate } from './calendar-date.js';

export interface InvoiceClaim {
  readonly invoiceId: string;
  readonly supplierPartyId: string;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly totalMinor: bigint;
}

export interface Allocation {
  readonly disbursementId: string;
  readonly invoiceId: string;
  /** positive when a payment settles, negative when a return reverses it */
  readonly amountMinor: bigint;
}

export interface InvoiceArrears extends InvoiceClaim {
  readonly creditedMinor: bigint;
  readonly settledMinor: bigint;
  readonly outstandingMinor: bigint;
}

export function invoiceArrears(invoices: readonly InvoiceClaim[], credits: readonly { invoiceId: string; amountMinor: bigint }[], allocations: readonly Allocation[]): InvoiceArrears[] {
  const sumBy = (rows: readonly { invoiceId: string; amountMinor: bigint }[]) => {
    const totals = new Map<string, bigint>();
    for (const row of rows) totals.set(row.invoiceId, (totals.get(row.invoiceId) ?? 0n) + row.amountMinor);
    return totals;
  };
  const credited = sumBy(credits);
  const settled = sumBy(allocations);
  return [...invoices].sort(oldestFirst).map((invoice) => {
    const creditedMinor = credited.get(invoice.invoiceId) ?? 0n;
    const settledMinor = settled.get(invoice.invoiceId) ?? 0n;
    const outstandingMinor = invoice.totalMinor - creditedMinor - settledMinor;
    if (outstandingMinor < 0n || settledMinor < 0n) throw new DomainError('arrears.invariant', `invoice ${invoice.invoiceId}: settled ${settledMinor} and credited ${creditedMinor} exceed its total ${invoice.totalMinor}`);
    return { ...invoice, creditedMinor, settledMinor, outstandingMinor };
  });
}

function oldestFirst(a: InvoiceClaim, b: InvoiceClaim): number {
  return a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart) || a.invoiceId.localeCompare(b.invoiceId);
}

/** Refuse a payment larger than what is owed and not already committed to other payments. */
export function outstandingProblem(arrears: readonly InvoiceArrears[], committedOtherMinor: bigint, paymentMinor: bigint, currency: string): DomainError | undefined {
  const owedMinor = arrears.reduce((sum, invoice) => sum + invoice.outstandingMinor, 0n);
  const availableMinor = owedMinor - committedOtherMinor;
  if (paymentMinor <= availableMinor) return undefined;
  return new DomainError('arrears.outstanding_exceeded', `the payment (${paymentMinor} minor ${currency}) exceeds what the creditor is owed and not yet committed (${availableMinor > 0n ? availableMinor : 0n} minor ${currency}: invoiced − credited − settled − reserved)`, { field: 'amountMinor', details: { owedMinor, committedOtherMinor, paymentMinor } });
}

/** Oldest outstanding invoice first. */
export function allocateOldestFirst(arrears: readonly InvoiceArrears[], disbursementId: string, paymentMinor: bigint): Allocation[] {
  const allocations: Allocation[] = [];
  let remainingMinor = paymentMinor;
  for (const invoice of [...arrears].sort(oldestFirst)) {
    if (remainingMinor === 0n) break;
    const amountMinor = invoice.outstandingMinor < remainingMinor ? invoice.outstandingMinor : remainingMinor;
    if (amountMinor <= 0n) continue;
    allocations.push({ disbursementId, invoiceId: invoice.invoiceId, amountMinor });
    remainingMinor -= amountMinor;
  }
  if (remainingMinor !== 0n) throw new DomainError('arrears.outstanding_exceeded', `${remainingMinor} minor units of the payment match no outstanding invoice`, { field: 'amountMinor' });
  return allocations;
}

/** A return reverses exactly what the payment was allocated. */
export function reverseAllocations(allocations: readonly Allocation[], disbursementId: string): Allocation[] {
  return allocations.filter((row) => row.disbursementId === disbursementId && row.amountMinor > 0n).map((row) => ({ ...row, amountMinor: -row.amountMinor }));
}

export const ageingBuckets = [
  { label: '0-30', fromDays: 0, toDays: 30 },
  { label: '31-60', fromDays: 31, toDays: 60 },
  { label: '61-90', fromDays: 61, toDays: 90 },
  { label: '91+', fromDays: 91, toDays: Number.POSITIVE_INFINITY },
] as const;

export interface CreditorArrears {
  readonly supplierPartyId: string;
  readonly outstandingMinor: bigint;
  /** outstanding by days since the invoice's period ended, at asOf */
  readonly byAgeMinor: Readonly<Record<(typeof ageingBuckets)[number]['label'], bigint>>;
}

export function arrearsByCreditor(arrears: readonly InvoiceArrears[], asOf: IsoDate): CreditorArrears[] {
  const byCreditor = new Map<string, { outstandingMinor: bigint; byAgeMinor: Record<string, bigint> }>();
  for (const invoice of arrears) {
    const entry = byCreditor.get(invoice.supplierPartyId) ?? { outstandingMinor: 0n, byAgeMinor: Object.fromEntries(ageingBuckets.map((bucket) => [bucket.label, 0n])) };
    const ageDays = Math.max(0, daysBetween(invoice.periodEnd, asOf));
    const bucket = ageingBuckets.find((candidate) => ageDays >= candidate.fromDays && ageDays <= candidate.toDays)!;
    entry.outstandingMinor += invoice.outstandingMinor;
    entry.byAgeMinor[bucket.label] = (entry.byAgeMinor[bucket.label] ?? 0n) + invoice.outstandingMinor;
    byCreditor.set(invoice.supplierPartyId, entry);
  }
  return [...byCreditor.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([supplierPartyId, entry]) => ({ supplierPartyId, outstandingMinor: entry.outstandingMinor, byAgeMinor: entry.byAgeMinor as CreditorArrears['byAgeMinor'] }));
}
