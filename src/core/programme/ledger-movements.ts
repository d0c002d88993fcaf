// Every money move of the programme as ledger transfer requests, built from records. Pure: the
// use cases submit these inside the transaction that records the business event. Transfer ids are
// derived from record ids, so replaying a record replays (never repeats) its transfers.
import type { TransferRequest } from '../ledger/transfer.js';
import { systemTransferId } from '../ledger/system-transfer-id.js';
import { formatDecimal } from '../money/decimal.js';
import { programmeAccountIds } from './chart-of-accounts.js';
import type { Deposit } from './deposit.js';
import type { CreditNote, Invoice } from './invoice.js';
import type { Programme } from './programme.js';

type Ids = Pick<Programme, 'programmeId' | 'settlementCurrency'>;

export function depositTransfers(programme: Ids, deposit: Deposit): TransferRequest[] {
  const ids = programmeAccountIds(programme);
  const leg = (suffix?: string) =>
    systemTransferId(
      'deposit',
      programme.programmeId,
      deposit.depositId,
      ...(suffix ? [suffix] : []),
    );
  const metadata = {
    depositId: deposit.depositId,
    receivedOn: deposit.receivedOn,
    depositorPartyId: deposit.depositorPartyId,
  };
  if (deposit.currency === deposit.escrowCurrency) {
    return [
      {
        id: leg(),
        kind: 'single',
        debitAccountId: ids.debtorSource(deposit.currency),
        creditAccountId: ids.escrow,
        amountMinor: deposit.escrowAmountMinor,
        currency: deposit.escrowCurrency,
        code: 'deposit',
        metadata,
      },
    ];
  }
  // Two legs through the conversion position keep each currency's books balanced; the rate and its
  // source travel with both legs so an auditor can redo the conversion from the ledger alone.
  const conversion = deposit.conversion!;
  const rateMetadata = {
    ...metadata,
    rate: `1 ${conversion.base} = ${formatDecimal(conversion.rate)} ${conversion.quote}`,
    rateSource: conversion.source,
    originalAmountMinor: deposit.amountMinor.toString(),
    originalCurrency: deposit.currency,
  };
  return [
    {
      id: leg('fx-in'),
      kind: 'single',
      debitAccountId: ids.debtorSource(deposit.currency),
      creditAccountId: ids.fx(deposit.currency),
      amountMinor: deposit.amountMinor,
      currency: deposit.currency,
      code: 'deposit.fx-in',
      metadata: rateMetadata,
    },
    {
      id: leg('fx-out'),
      kind: 'single',
      debitAccountId: ids.fx(deposit.escrowCurrency),
      creditAccountId: ids.escrow,
      amountMinor: deposit.escrowAmountMinor,
      currency: deposit.escrowCurrency,
      code: 'deposit',
      metadata: rateMetadata,
    },
  ];
}

export function invoiceTransfer(programme: Ids, invoice: Invoice): TransferRequest {
  const ids = programmeAccountIds(programme);
  return {
    id: systemTransferId('invoice', programme.programmeId, invoice.invoiceId),
    kind: 'single',
    debitAccountId: ids.creditorInvoiced,
    creditAccountId: ids.creditorOwed,
    amountMinor: invoice.totalMinor,
    currency: invoice.currency,
    code: 'invoice',
    metadata: {
      invoiceId: invoice.invoiceId,
      supplierPartyId: invoice.supplierPartyId,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
    },
  };
}

export function creditNoteTransfer(programme: Ids, note: CreditNote): TransferRequest {
  const ids = programmeAccountIds(programme);
  return {
    id: systemTransferId('credit-note', programme.programmeId, note.creditNoteId),
    kind: 'single',
    debitAccountId: ids.creditorOwed,
    creditAccountId: ids.creditorCredited,
    amountMinor: note.amountMinor,
    currency: note.currency,
    code: 'credit-note',
    metadata: { creditNoteId: note.creditNoteId, invoiceId: note.invoiceId },
  };
}

/** The ledger side of one disbursement: the amount in the settlement currency, on its channel. */
export interface DisbursementMoney {
  readonly disbursementId: string;
  readonly channelId: string;
  readonly ledgerAmountMinor: bigint;
}

const disbursementTransferId = (money: DisbursementMoney, step: string): string =>
  systemTransferId('disbursement', money.disbursementId, step);

export function reservationTransferId(disbursementId: string): string {
  return systemTransferId('disbursement', disbursementId, 'reserve');
}

/** Reserve: a pending transfer out of the escrow; the escrow's flag means it can never overdraw. */
export function reservationTransfer(
  programme: Ids,
  money: DisbursementMoney,
  waiverId: string,
): TransferRequest {
  const ids = programmeAccountIds(programme);
  return {
    id: disbursementTransferId(money, 'reserve'),
    kind: 'pending',
    debitAccountId: ids.escrow,
    creditAccountId: ids.channel(money.channelId),
    amountMinor: money.ledgerAmountMinor,
    currency: programme.settlementCurrency,
    code: 'disbursement.reserve',
    metadata: { disbursementId: money.disbursementId, channelId: money.channelId, waiverId },
  };
}

/** Execute: post the reservation and, in the same batch, settle that much of what is owed to the creditor. */
export function executionTransfers(
  programme: Ids,
  money: DisbursementMoney,
  bankReference: string,
): TransferRequest[] {
  const ids = programmeAccountIds(programme);
  const metadata = {
    disbursementId: money.disbursementId,
    channelId: money.channelId,
    bankReference,
  };
  return [
    {
      id: disbursementTransferId(money, 'post'),
      kind: 'post_pending',
      pendingId: reservationTransferId(money.disbursementId),
      currency: programme.settlementCurrency,
      code: 'disbursement.execute',
      metadata,
    },
    {
      id: disbursementTransferId(money, 'settle'),
      kind: 'single',
      debitAccountId: ids.creditorOwed,
      creditAccountId: ids.creditorSettled,
      amountMinor: money.ledgerAmountMinor,
      currency: programme.settlementCurrency,
      code: 'disbursement.settle',
      metadata,
    },
  ];
}

/** Release a reservation (cancelled, rejected by the bank, or its waiver lapsed). */
export function releaseTransfer(
  programme: Ids,
  money: DisbursementMoney,
  why: string,
): TransferRequest {
  return {
    id: disbursementTransferId(money, 'release'),
    kind: 'void_pending',
    pendingId: reservationTransferId(money.disbursementId),
    currency: programme.settlementCurrency,
    code: 'disbursement.release',
    metadata: { disbursementId: money.disbursementId, why },
  };
}

/**
 * A return after execution: the beneficiary's bank sent the money back. It comes back into the
 * escrow from the channel, and the creditor's settled figure is reduced by as much (the claim is
 * owed again). Not a void: the payment happened, and so did its return.
 */
export function returnTransfers(
  programme: Ids,
  money: DisbursementMoney,
  bankReference: string,
  reasonCode: string,
): TransferRequest[] {
  const ids = programmeAccountIds(programme);
  const metadata = {
    disbursementId: money.disbursementId,
    channelId: money.channelId,
    bankReference,
    reasonCode,
  };
  return [
    {
      id: disbursementTransferId(money, 'return'),
      kind: 'single',
      debitAccountId: ids.channel(money.channelId),
      creditAccountId: ids.escrow,
      amountMinor: money.ledgerAmountMinor,
      currency: programme.settlementCurrency,
      code: 'disbursement.return',
      metadata,
    },
    {
      id: disbursementTransferId(money, 'unsettle'),
      kind: 'single',
      debitAccountId: ids.creditorSettled,
      creditAccountId: ids.creditorOwed,
      amountMinor: money.ledgerAmountMinor,
      currency: programme.settlementCurrency,
      code: 'disbursement.unsettle',
      metadata,
    },
  ];
}
