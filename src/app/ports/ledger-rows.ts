import type { Account, AccountBalances } from '../../core/ledger/account.js';
import type { Transfer, TransferKind } from '../../core/ledger/transfer.js';
import type { TransferInWriteOrder } from './store-port.js';
import { big, flag, text, type Row } from './row-values.js';

export type { Row };

/**
 * Row ↔ domain mapping shared by both adapters: their tables have the same columns, and both
 * drivers are configured to return 64-bit integers as bigint.
 */

const transferKinds = new Set<TransferKind>([
  'single',
  'pending',
  'post_pending',
  'void_pending',
  'expire_pending',
]);

export function accountFromRow(row: Row): Account {
  return {
    id: text(row.id, 'id'),
    code: text(row.code, 'code'),
    currency: text(row.currency, 'currency'),
    kind: text(row.kind, 'kind'),
    flags: {
      debitsMustNotExceedCredits: flag(row.flag_debits_must_not_exceed_credits),
      creditsMustNotExceedDebits: flag(row.flag_credits_must_not_exceed_debits),
    },
    debitsPostedMinor: big(row.debits_posted_minor, 'debits_posted_minor'),
    creditsPostedMinor: big(row.credits_posted_minor, 'credits_posted_minor'),
    debitsPendingMinor: big(row.debits_pending_minor, 'debits_pending_minor'),
    creditsPendingMinor: big(row.credits_pending_minor, 'credits_pending_minor'),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    lastTransferAtUs: big(row.last_transfer_at_us, 'last_transfer_at_us'),
  };
}

function balancesFromRow(row: Row, prefix: 'debit_after_' | 'credit_after_'): AccountBalances {
  return {
    debitsPostedMinor: big(row[`${prefix}debits_posted_minor`], `${prefix}debits_posted_minor`),
    creditsPostedMinor: big(row[`${prefix}credits_posted_minor`], `${prefix}credits_posted_minor`),
    debitsPendingMinor: big(row[`${prefix}debits_pending_minor`], `${prefix}debits_pending_minor`),
    creditsPendingMinor: big(
      row[`${prefix}credits_pending_minor`],
      `${prefix}credits_pending_minor`,
    ),
  };
}

export function transferFromRow(row: Row): Transfer {
  const kind = text(row.kind, 'kind') as TransferKind;
  if (!transferKinds.has(kind)) throw new Error(`column kind: unknown transfer kind "${kind}"`);
  return {
    id: text(row.id, 'id'),
    kind,
    debitAccountId: text(row.debit_account_id, 'debit_account_id'),
    creditAccountId: text(row.credit_account_id, 'credit_account_id'),
    amountMinor: big(row.amount_minor, 'amount_minor'),
    currency: text(row.currency, 'currency'),
    pendingId: row.pending_id === null ? null : text(row.pending_id, 'pending_id'),
    expiresAtUs: row.expires_at_us === null ? null : big(row.expires_at_us, 'expires_at_us'),
    timestampUs: big(row.timestamp_us, 'timestamp_us'),
    code: row.code === null ? null : text(row.code, 'code'),
    memo: row.memo === null ? null : text(row.memo, 'memo'),
    metadata: JSON.parse(text(row.metadata, 'metadata')) as Record<string, string>,
    debitAccountAfter: balancesFromRow(row, 'debit_after_'),
    creditAccountAfter: balancesFromRow(row, 'credit_after_'),
  };
}

/** Column order used by both adapters' bulk inserts. */
export const transferColumns = [
  'id',
  'kind',
  'debit_account_id',
  'credit_account_id',
  'amount_minor',
  'currency',
  'pending_id',
  'expires_at_us',
  'timestamp_us',
  'code',
  'memo',
  'metadata',
  'debit_after_debits_posted_minor',
  'debit_after_credits_posted_minor',
  'debit_after_debits_pending_minor',
  'debit_after_credits_pending_minor',
  'credit_after_debits_posted_minor',
  'credit_after_credits_posted_minor',
  'credit_after_debits_pending_minor',
  'credit_after_credits_pending_minor',
  'audit_event_seq',
  'batch_position',
] as const;

export function transferToValues(
  transfer: Transfer,
  auditEventSeq: bigint,
  batchPosition: number,
): unknown[] {
  const d = transfer.debitAccountAfter;
  const c = transfer.creditAccountAfter;
  return [
    transfer.id,
    transfer.kind,
    transfer.debitAccountId,
    transfer.creditAccountId,
    transfer.amountMinor,
    transfer.currency,
    transfer.pendingId,
    transfer.expiresAtUs,
    transfer.timestampUs,
    transfer.code,
    transfer.memo,
    JSON.stringify(transfer.metadata),
    d.debitsPostedMinor,
    d.creditsPostedMinor,
    d.debitsPendingMinor,
    d.creditsPendingMinor,
    c.debitsPostedMinor,
    c.creditsPostedMinor,
    c.debitsPendingMinor,
    c.creditsPendingMinor,
    auditEventSeq,
    batchPosition,
  ];
}

/** The balances an account had right after a transfer, read from whichever side it was on. */
export function balancesAfterFor(transfer: Transfer, accountId: string): AccountBalances {
  return transfer.debitAccountId === accountId
    ? transfer.debitAccountAfter
    : transfer.creditAccountAfter;
}

export function transferInWriteOrderFromRow(row: Row): TransferInWriteOrder {
  return {
    auditEventSeq: big(row.audit_event_seq, 'audit_event_seq'),
    batchPosition: Number(row.batch_position),
    transfer: transferFromRow(row),
  };
}
