// The supplier's claim for a period, computed from deliveries × tariff. An invoice is never
// edited: a correction is a credit note that refers to it, so the history of what was claimed
// stays visible to the overseer.
import { DomainError } from '../domain-error.js';
import { formatAmountMinor } from '../money/amount.js';
import type { Decimal } from '../money/decimal.js';
import type { IsoDate } from './calendar-date.js';
import { addDecimal, zeroDecimal } from './decimal-arithmetic.js';
import {
  deliveryTariff,
  quantityInBaseUnits,
  validateDelivery,
  valueUnderTariffMinor,
  type Delivery,
} from './delivery.js';
import type { Commodity, Programme } from './programme.js';

export interface InvoiceLine {
  readonly commodity: Commodity;
  readonly tariffId: string;
  /** sum of the period's deliveries in the commodity's base unit */
  readonly quantityBase: Decimal;
  readonly amountMinor: bigint;
}

export interface Invoice {
  readonly invoiceId: string;
  readonly supplierPartyId: string;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly currency: string;
  readonly lines: readonly InvoiceLine[];
  readonly totalMinor: bigint;
}

export interface CreditNote {
  readonly creditNoteId: string;
  readonly invoiceId: string;
  readonly currency: string;
  /** positive: the amount by which the invoice is reduced */
  readonly amountMinor: bigint;
  readonly reason: string;
  readonly issuedOn: IsoDate;
}

export const deliveriesPerInvoiceMax = 10_000;

export function invoiceForPeriod(
  programme: Programme,
  header: { invoiceId: string; supplierPartyId: string; periodStart: IsoDate; periodEnd: IsoDate },
  deliveries: readonly Delivery[],
): Invoice {
  if (header.periodEnd < header.periodStart)
    throw new DomainError(
      'invoice.period_end_before_start',
      `periodEnd: ${header.periodEnd} is before periodStart ${header.periodStart}`,
      { field: 'periodEnd' },
    );
  if (deliveries.length === 0)
    throw new DomainError('invoice.no_deliveries', 'an invoice needs at least one delivery', {
      field: 'deliveries',
    });
  if (deliveries.length > deliveriesPerInvoiceMax)
    throw new DomainError(
      'invoice.too_many_deliveries',
      `at most ${deliveriesPerInvoiceMax} deliveries per invoice`,
      { field: 'deliveries' },
    );
  const groups = new Map<
    string,
    {
      commodity: Commodity;
      tariffId: string;
      quantityBase: Decimal;
      tariff: ReturnType<typeof deliveryTariff>;
    }
  >();
  deliveries.forEach((delivery, index) => {
    const field = `deliveries[${index}]`;
    try {
      validateDelivery(programme, delivery);
    } catch (error) {
      if (error instanceof DomainError)
        throw new DomainError(error.code, `${field}.${error.message}`, {
          field: `${field}.${error.field ?? ''}`,
        });
      throw error;
    }
    if (delivery.supplierPartyId !== header.supplierPartyId)
      throw new DomainError(
        'invoice.delivery_other_supplier',
        `${field}: delivered by ${delivery.supplierPartyId}, not ${header.supplierPartyId}`,
        { field },
      );
    if (delivery.periodStart < header.periodStart || delivery.periodEnd > header.periodEnd) {
      throw new DomainError(
        'invoice.delivery_outside_period',
        `${field}: ${delivery.periodStart}–${delivery.periodEnd} is not within ${header.periodStart}–${header.periodEnd}`,
        { field },
      );
    }
    deliveries.forEach((other, otherIndex) => {
      if (
        otherIndex < index &&
        other.commodity === delivery.commodity &&
        (other.reference ?? '') === (delivery.reference ?? '') &&
        other.periodStart <= delivery.periodEnd &&
        delivery.periodStart <= other.periodEnd
      ) {
        // The same meter read twice for overlapping days would bill the gas twice.
        throw new DomainError(
          'invoice.deliveries_overlap',
          `${field}: overlaps deliveries[${otherIndex}] at the same metering point`,
          { field },
        );
      }
    });
    const tariff = deliveryTariff(programme, delivery);
    const group = groups.get(tariff.tariffId) ?? {
      commodity: delivery.commodity,
      tariffId: tariff.tariffId,
      quantityBase: zeroDecimal,
      tariff,
    };
    groups.set(tariff.tariffId, {
      ...group,
      quantityBase: addDecimal(group.quantityBase, quantityInBaseUnits(programme, delivery)),
    });
  });
  // Quantities are summed first and priced once per tariff, so splitting a month into daily
  // readings cannot change the invoice by accumulated rounding.
  const lines = [...groups.values()].map((group) => ({
    commodity: group.commodity,
    tariffId: group.tariffId,
    quantityBase: group.quantityBase,
    amountMinor: valueUnderTariffMinor(programme, group.quantityBase, group.tariff),
  }));
  const currencies = new Set([...groups.values()].map((group) => group.tariff.currency));
  if (currencies.size !== 1)
    throw new DomainError(
      'invoice.mixed_currencies',
      'tariffs in one invoice must share a currency',
      { field: 'deliveries' },
    );
  return {
    invoiceId: header.invoiceId,
    supplierPartyId: header.supplierPartyId,
    periodStart: header.periodStart,
    periodEnd: header.periodEnd,
    currency: [...currencies][0]!,
    lines,
    totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0n),
  };
}

/** What remains claimed on an invoice after its credit notes. */
export function invoiceNetMinor(invoice: Invoice, creditNotes: readonly CreditNote[]): bigint {
  return (
    invoice.totalMinor -
    creditNotes
      .filter((note) => note.invoiceId === invoice.invoiceId)
      .reduce((sum, note) => sum + note.amountMinor, 0n)
  );
}

export function creditNote(
  invoice: Invoice,
  priorCreditNotes: readonly CreditNote[],
  input: { creditNoteId: string; amountMinor: bigint; reason: string; issuedOn: IsoDate },
): CreditNote {
  if (input.amountMinor <= 0n)
    throw new DomainError(
      'credit_note.amount_not_positive',
      'amountMinor: a credit note must be greater than zero',
      { field: 'amountMinor' },
    );
  if (input.reason.trim() === '')
    throw new DomainError(
      'credit_note.reason_missing',
      'reason: say why the invoice is corrected',
      { field: 'reason' },
    );
  // A correction cannot predate what it corrects: the invoice's period had not begun.
  if (input.issuedOn < invoice.periodStart)
    throw new DomainError(
      'credit_note.before_invoice_period',
      `issuedOn: ${input.issuedOn} is before the period of ${invoice.invoiceId} (${invoice.periodStart} to ${invoice.periodEnd})`,
      { field: 'issuedOn' },
    );
  if (priorCreditNotes.some((note) => note.creditNoteId === input.creditNoteId))
    throw new DomainError(
      'credit_note.duplicate',
      `creditNoteId: "${input.creditNoteId}" already exists`,
      { field: 'creditNoteId' },
    );
  const remainingMinor = invoiceNetMinor(invoice, priorCreditNotes);
  if (input.amountMinor > remainingMinor) {
    throw new DomainError(
      'credit_note.exceeds_invoice',
      `amountMinor: ${formatAmountMinor(input.amountMinor, invoice.currency)} exceeds the ${formatAmountMinor(remainingMinor, invoice.currency)} ${invoice.currency} still claimed on ${invoice.invoiceId}`,
      { field: 'amountMinor' },
    );
  }
  return {
    creditNoteId: input.creditNoteId,
    invoiceId: invoice.invoiceId,
    currency: invoice.currency,
    amountMinor: input.amountMinor,
    reason: input.reason.trim(),
    issuedOn: input.issuedOn,
  };
}

/**
 * Corrected meter readings → the credit note that brings the invoice down to the corrected value.
 * An upward correction is a new (supplementary) invoice, not a negative credit note.
 */
export function creditNoteForCorrection(
  programme: Programme,
  invoice: Invoice,
  priorCreditNotes: readonly CreditNote[],
  correctedDeliveries: readonly Delivery[],
  meta: { creditNoteId: string; reason: string; issuedOn: IsoDate },
): CreditNote | undefined {
  const corrected = invoiceForPeriod(programme, invoice, correctedDeliveries);
  const differenceMinor = invoiceNetMinor(invoice, priorCreditNotes) - corrected.totalMinor;
  if (differenceMinor === 0n) return undefined;
  if (differenceMinor < 0n) {
    throw new DomainError(
      'invoice.supplementary_required',
      `the corrected deliveries are worth ${formatAmountMinor(-differenceMinor, invoice.currency)} ${invoice.currency} more; issue a supplementary invoice`,
      { field: 'deliveries' },
    );
  }
  return creditNote(invoice, priorCreditNotes, { ...meta, amountMinor: differenceMinor });
}
