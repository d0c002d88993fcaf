// Row mappers for the bank tables, shared by both adapters (SQLite and PostgreSQL return the same
// column names; integers as bigint or numeric strings, both read by big()).
import {
  bankPaymentStatuses,
  exceptionCodes,
  type BankPaymentStatus,
  type ExceptionCode,
} from '../../app/bank/reconcile.js';
import type { BankMessageType } from '../../app/bank/bank-message.js';
import type {
  BankFileRecord,
  BankPaymentRecord,
  InstructionRunRecord,
  ReconciliationException,
} from '../../app/ports/bank-port.js';
import { big, optionalBig, optionalText, text, type Row } from '../../app/ports/row-values.js';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], column: string): T {
  const found = text(value, column);
  if (!(allowed as readonly string[]).includes(found))
    throw new Error(`column ${column}: unexpected value "${found}"`);
  return found as T;
}

export const runColumns = [
  'message_id',
  'programme_id',
  'file_sha256',
  'file_xml',
  'payment_count',
  'created_by',
  'created_at_us',
] as const;
export function runToValues(run: InstructionRunRecord): unknown[] {
  return [
    run.messageId,
    run.programmeId,
    run.fileSha256,
    run.fileXml,
    run.paymentCount,
    run.createdBy,
    run.createdAtUs,
  ];
}
export function runFromRow(row: Row): InstructionRunRecord {
  return {
    messageId: text(row.message_id, 'message_id'),
    programmeId: text(row.programme_id, 'programme_id'),
    fileSha256: text(row.file_sha256, 'file_sha256'),
    fileXml: text(row.file_xml, 'file_xml'),
    paymentCount: Number(big(row.payment_count, 'payment_count')),
    createdBy: text(row.created_by, 'created_by'),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
  };
}

export const paymentColumns = [
  'disbursement_id',
  'programme_id',
  'message_id',
  'end_to_end_id',
  'uetr',
  'amount_minor',
  'currency',
  'bank_status',
  'bank_reference',
  'reason_code',
  'updated_at_us',
] as const;
export function paymentToValues(payment: BankPaymentRecord): unknown[] {
  return [
    payment.disbursementId,
    payment.programmeId,
    payment.messageId,
    payment.endToEndId,
    payment.uetr,
    payment.amountMinor,
    payment.currency,
    payment.bankStatus,
    payment.bankReference,
    payment.reasonCode,
    payment.updatedAtUs,
  ];
}
export function paymentFromRow(row: Row): BankPaymentRecord {
  return {
    disbursementId: text(row.disbursement_id, 'disbursement_id'),
    programmeId: text(row.programme_id, 'programme_id'),
    messageId: text(row.message_id, 'message_id'),
    endToEndId: text(row.end_to_end_id, 'end_to_end_id'),
    uetr: text(row.uetr, 'uetr'),
    amountMinor: big(row.amount_minor, 'amount_minor'),
    currency: text(row.currency, 'currency'),
    bankStatus: oneOf<BankPaymentStatus>(row.bank_status, bankPaymentStatuses, 'bank_status'),
    bankReference: optionalText(row.bank_reference, 'bank_reference'),
    reasonCode: optionalText(row.reason_code, 'reason_code'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

export const fileColumns = [
  'file_sha256',
  'programme_id',
  'kind',
  'message_id',
  'imported_by',
  'imported_at_us',
  'summary_json',
] as const;
export function fileToValues(file: BankFileRecord): unknown[] {
  return [
    file.fileSha256,
    file.programmeId,
    file.kind,
    file.messageId,
    file.importedBy,
    file.importedAtUs,
    file.summaryJson,
  ];
}
export function fileFromRow(row: Row): BankFileRecord {
  return {
    fileSha256: text(row.file_sha256, 'file_sha256'),
    programmeId: text(row.programme_id, 'programme_id'),
    kind: oneOf<BankMessageType>(row.kind, ['pain.002.001.10', 'camt.054.001.08'], 'kind'),
    messageId: text(row.message_id, 'message_id'),
    importedBy: text(row.imported_by, 'imported_by'),
    importedAtUs: big(row.imported_at_us, 'imported_at_us'),
    summaryJson: text(row.summary_json, 'summary_json'),
  };
}

export const exceptionColumns = [
  'exception_id',
  'programme_id',
  'file_sha256',
  'entry_index',
  'code',
  'disbursement_id',
  'end_to_end_id',
  'uetr',
  'message',
  'raised_at_us',
  'resolved_by',
  'resolution',
  'resolved_at_us',
] as const;
export function exceptionToValues(entry: ReconciliationException): unknown[] {
  return [
    entry.exceptionId,
    entry.programmeId,
    entry.fileSha256,
    entry.entryIndex,
    entry.code,
    entry.disbursementId,
    entry.endToEndId,
    entry.uetr,
    entry.message,
    entry.raisedAtUs,
    entry.resolvedBy,
    entry.resolution,
    entry.resolvedAtUs,
  ];
}
export function exceptionFromRow(row: Row): ReconciliationException {
  return {
    exceptionId: text(row.exception_id, 'exception_id'),
    programmeId: text(row.programme_id, 'programme_id'),
    fileSha256: text(row.file_sha256, 'file_sha256'),
    entryIndex: Number(big(row.entry_index, 'entry_index')),
    code: oneOf<ExceptionCode>(row.code, exceptionCodes, 'code'),
    disbursementId: optionalText(row.disbursement_id, 'disbursement_id'),
    endToEndId: optionalText(row.end_to_end_id, 'end_to_end_id'),
    uetr: optionalText(row.uetr, 'uetr'),
    message: text(row.message, 'message'),
    raisedAtUs: big(row.raised_at_us, 'raised_at_us'),
    resolvedBy: optionalText(row.resolved_by, 'resolved_by'),
    resolution: optionalText(row.resolution, 'resolution'),
    resolvedAtUs: optionalBig(row.resolved_at_us, 'resolved_at_us'),
  };
}
