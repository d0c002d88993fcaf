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

export function invoiceArrears(
  invoices: readonly InvoiceClaim[],
  credits: readonly { invoiceId: string; amountMinor: bigint }[],
  allocations: readonly Allocation[],
): InvoiceArrears[] {
  const sumBy = (rows: readonly { invoiceId: string; amountMinor: bigint }[]) => {
    const totals = new Map<string, bigint>();
    for (const row of rows)
      totals.set(row.invoiceId, (totals.get(row.invoiceId) ?? 0n) + row.amountMinor);
    return totals;
  };
  const credited = sumBy(credits);
  const settled = sumBy(allocations);
  return [...invoices].sort(oldestFirst).map((invoice) => {
    const creditedMinor = credited.get(invoice.invoiceId) ?? 0n;
    const settledMinor = settled.get(invoice.invoiceId) ?? 0n;
    const outstandingMinor = invoice.totalMinor - creditedMinor - settledMinor;
    if (outstandingMinor < 0n || settledMinor < 0n)
      throw new DomainError(
        'arrears.invariant',
        `invoice ${invoice.invoiceId}: settled ${settledMinor} and credited ${creditedMinor} exceed its total ${invoice.totalMinor}`,
      );
    return { ...invoice, creditedMinor, settledMinor, outstandingMinor };
  });
}

function oldestFirst(a: InvoiceClaim, b: InvoiceClaim): number {
  return (
    a.periodEnd.localeCompare(b.periodEnd) ||
    a.periodStart.localeCompare(b.periodStart) ||
    a.invoiceId.localeCompare(b.invoiceId)
  );
}

/**
 * Money committed to a payment not yet executed (reserved, instructed, or held in review). A
 * payment through the debt channel names the creditor whose debt it pays (`creditorPartyId`) and
 * settles that creditor's invoices only; any other payment settles the programme's arrears.
 */
export interface CommittedPayment {
  readonly creditorPartyId?: string | undefined;
  readonly amountMinor: bigint;
}

const sum = (values: readonly bigint[]): bigint =>
  values.reduce((total, value) => total + value, 0n);
const owedBy = (arrears: readonly InvoiceArrears[], creditorPartyId: string) =>
  sum(
    arrears
      .filter((invoice) => invoice.supplierPartyId === creditorPartyId)
      .map((invoice) => invoice.outstandingMinor),
  );
const committedTo = (committed: readonly CommittedPayment[], creditorPartyId: string) =>
  sum(
    committed
      .filter((payment) => payment.creditorPartyId === creditorPartyId)
      .map((payment) => payment.amountMinor),
  );

/**
 * Refuse a payment larger than what is owed and not already committed to other payments: over the
 * programme (invoiced − credited − settled − committed), and, for a payment of one creditor's
 * debt, over that creditor's invoices alone.
 */
export function outstandingProblem(
  arrears: readonly InvoiceArrears[],
  others: readonly CommittedPayment[],
  payment: CommittedPayment,
  currency: string,
): DomainError | undefined {
  const { amountMinor: paymentMinor, creditorPartyId } = payment;
  const owedMinor = sum(arrears.map((invoice) => invoice.outstandingMinor));
  const committedOtherMinor = sum(others.map((other) => other.amountMinor));
  const availableMinor = owedMinor - committedOtherMinor;
  if (paymentMinor > availableMinor) {
    return new DomainError(
      'arrears.outstanding_exceeded',
      `the payment (${paymentMinor} minor ${currency}) exceeds what the creditor is owed and not yet committed (${availableMinor > 0n ? availableMinor : 0n} minor ${currency}: invoiced − credited − settled − reserved)`,
      { field: 'amountMinor', details: { owedMinor, committedOtherMinor, paymentMinor } },
    );
  }
  if (creditorPartyId === undefined) return undefined;
  const creditorOwedMinor = owedBy(arrears, creditorPartyId);
  const creditorCommittedMinor = committedTo(others, creditorPartyId);
  const creditorAvailableMinor = creditorOwedMinor - creditorCommittedMinor;
  if (paymentMinor <= creditorAvailableMinor) return undefined;
  return new DomainError(
    'arrears.creditor_outstanding_exceeded',
    `the payment (${paymentMinor} minor ${currency}) of ${creditorPartyId}'s debt exceeds what ${creditorPartyId} is owed and not yet committed (${creditorAvailableMinor > 0n ? creditorAvailableMinor : 0n} minor ${currency}: its invoices − credited − settled − reserved)`,
    {
      field: 'amountMinor',
      details: {
        creditorPartyId,
        owedMinor: creditorOwedMinor,
        committedOtherMinor: creditorCommittedMinor,
        paymentMinor,
      },
    },
  );
}

/**
 * Refuse a credit note that would leave an invoice, its creditor or the programme owing less than
 * is already paid or committed: the paid part of an invoice cannot be credited, and a reservation
 * made against the arrears must still find them when the bank executes.
 */
export function creditNoteProblem(
  arrears: readonly InvoiceArrears[],
  committed: readonly CommittedPayment[],
  note: { invoiceId: string; amountMinor: bigint },
  currency: string,
): DomainError | undefined {
  const invoice = arrears.find((candidate) => candidate.invoiceId === note.invoiceId);
  if (!invoice)
    return new DomainError('invoice.not_found', `no invoice "${note.invoiceId}"`, {
      field: 'invoiceId',
    });
  if (note.amountMinor > invoice.outstandingMinor) {
    return new DomainError(
      'credit_note.exceeds_outstanding',
      `amountMinor: ${note.amountMinor} minor ${currency} exceeds the ${invoice.outstandingMinor} minor ${currency} outstanding on ${invoice.invoiceId} (total − credited − paid ${invoice.settledMinor}); what is paid cannot be credited`,
      {
        field: 'amountMinor',
        details: { outstandingMinor: invoice.outstandingMinor, settledMinor: invoice.settledMinor },
      },
    );
  }
  const creditorLeftMinor = owedBy(arrears, invoice.supplierPartyId) - note.amountMinor;
  const creditorCommittedMinor = committedTo(committed, invoice.supplierPartyId);
  const programmeLeftMinor =
    sum(arrears.map((candidate) => candidate.outstandingMinor)) - note.amountMinor;
  const programmeCommittedMinor = sum(committed.map((payment) => payment.amountMinor));
  if (creditorLeftMinor < creditorCommittedMinor || programmeLeftMinor < programmeCommittedMinor) {
    const [scope, leftMinor, committedMinor] =
      creditorLeftMinor < creditorCommittedMinor
        ? [invoice.supplierPartyId, creditorLeftMinor, creditorCommittedMinor]
        : ['the programme', programmeLeftMinor, programmeCommittedMinor];
    return new DomainError(
      'credit_note.below_committed',
      `the credit note would leave ${scope} owed ${leftMinor} minor ${currency}, less than the ${committedMinor} minor ${currency} already reserved or instructed to pay it`,
      { field: 'amountMinor', details: { scope, leftMinor, committedMinor } },
    );
  }
  return undefined;
}

/**
 * Oldest outstanding invoice first. A payment of one creditor's debt is allocated to that
 * creditor's invoices only; any other payment to what is left once the amounts committed to
 * creditor-specific payments are set aside on their creditors' invoices (oldest first), so it
 * never takes what a reserved payment of a creditor's debt will settle.
 */
export function allocateOldestFirst(
  arrears: readonly InvoiceArrears[],
  disbursementId: string,
  paymentMinor: bigint,
  options: {
    creditorPartyId?: string | undefined;
    committedOther?: readonly CommittedPayment[];
  } = {},
): Allocation[] {
  const ordered = [...arrears].sort(oldestFirst);
  const available = new Map(
    ordered.map((invoice) => [invoice.invoiceId, invoice.outstandingMinor]),
  );
  if (options.creditorPartyId === undefined) {
    const setAside = new Map<string, bigint>();
    for (const payment of options.committedOther ?? []) {
      if (payment.creditorPartyId !== undefined)
        setAside.set(
          payment.creditorPartyId,
          (setAside.get(payment.creditorPartyId) ?? 0n) + payment.amountMinor,
        );
    }
    for (const invoice of ordered) {
      const asideMinor = setAside.get(invoice.supplierPartyId) ?? 0n;
      const takenMinor =
        asideMinor < invoice.outstandingMinor ? asideMinor : invoice.outstandingMinor;
      if (takenMinor <= 0n) continue;
      available.set(invoice.invoiceId, invoice.outstandingMinor - takenMinor);
      setAside.set(invoice.supplierPartyId, asideMinor - takenMinor);
    }
  }
  const allocations: Allocation[] = [];
  let remainingMinor = paymentMinor;
  for (const invoice of ordered) {
    if (remainingMinor === 0n) break;
    if (
      options.creditorPartyId !== undefined &&
      invoice.supplierPartyId !== options.creditorPartyId
    )
      continue;
    const openMinor = available.get(invoice.invoiceId) ?? 0n;
    const amountMinor = openMinor < remainingMinor ? openMinor : remainingMinor;
    if (amountMinor <= 0n) continue;
    allocations.push({ disbursementId, invoiceId: invoice.invoiceId, amountMinor });
    remainingMinor -= amountMinor;
  }
  if (remainingMinor !== 0n)
    throw new DomainError(
      'arrears.outstanding_exceeded',
      `${remainingMinor} minor units of the payment match no outstanding invoice${options.creditorPartyId === undefined ? '' : ` of ${options.creditorPartyId}`}`,
      { field: 'amountMinor' },
    );
  return allocations;
}

/** A return reverses exactly what the payment was allocated. */
export function reverseAllocations(
  allocations: readonly Allocation[],
  disbursementId: string,
): Allocation[] {
  return allocations
    .filter((row) => row.disbursementId === disbursementId && row.amountMinor > 0n)
    .map((row) => ({ ...row, amountMinor: -row.amountMinor }));
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

export function arrearsByCreditor(
  arrears: readonly InvoiceArrears[],
  asOf: IsoDate,
): CreditorArrears[] {
  const byCreditor = new Map<
    string,
    { outstandingMinor: bigint; byAgeMinor: Record<string, bigint> }
  >();
  for (const invoice of arrears) {
    const entry = byCreditor.get(invoice.supplierPartyId) ?? {
      outstandingMinor: 0n,
      byAgeMinor: Object.fromEntries(ageingBuckets.map((bucket) => [bucket.label, 0n])),
    };
    const ageDays = Math.max(0, daysBetween(invoice.periodEnd, asOf));
    const bucket = ageingBuckets.find(
      (candidate) => ageDays >= candidate.fromDays && ageDays <= candidate.toDays,
    )!;
    entry.outstandingMinor += invoice.outstandingMinor;
    entry.byAgeMinor[bucket.label] =
      (entry.byAgeMinor[bucket.label] ?? 0n) + invoice.outstandingMinor;
    byCreditor.set(invoice.supplierPartyId, entry);
  }
  return [...byCreditor.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([supplierPartyId, entry]) => ({
      supplierPartyId,
      outstandingMinor: entry.outstandingMinor,
      byAgeMinor: entry.byAgeMinor as CreditorArrears['byAgeMinor'],
    }));
}
