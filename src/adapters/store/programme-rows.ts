// Row ↔ record mapping shared by both adapters (same columns in both stores; 64-bit integers come
// back as bigint from both drivers).
import { decodeRecord, encodeRecord } from '../../core/programme/content-key.js';
import type { CreditNote } from '../../core/programme/invoice.js';
import type { Allocation } from '../../core/programme/arrears.js';
import type { DisbursementStatus } from '../../core/programme/disbursement-state-machine.js';
import { disbursementStatuses } from '../../core/programme/disbursement-state-machine.js';
import { big, optionalText, text, type Row } from '../../app/ports/row-values.js';
import type {
  DeliveryRecord,
  DepositRecord,
  DisbursementRecord,
  DocumentAttachment,
  InvoiceRecord,
  ProgrammeVersionRecord,
  WaiverRecord,
} from '../../app/ports/programme-ports.js';

export function programmeVersionFromRow(row: Row): ProgrammeVersionRecord {
  return {
    programmeId: text(row.programme_id, 'programme_id'),
    versionNo: Number(big(row.version_no, 'version_no')),
    fileVersion: text(row.file_version, 'file_version'),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    fileJson: text(row.file_json, 'file_json'),
    loadedAtUs: big(row.loaded_at_us, 'loaded_at_us'),
  };
}

export function waiverFromRow(row: Row): WaiverRecord {
  return {
    programmeId: text(row.programme_id, 'programme_id'),
    waiverId: text(row.waiver_id, 'waiver_id'),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    waiverJson: text(row.waiver_json, 'waiver_json'),
    recordedAtUs: big(row.recorded_at_us, 'recorded_at_us'),
  };
}

export function deliveryFromRow(row: Row): DeliveryRecord {
  return {
    programmeId: text(row.programme_id, 'programme_id'),
    deliveryKey: text(row.delivery_key, 'delivery_key'),
    delivery: decodeRecord(text(row.body, 'body')),
    invoiceId: optionalText(row.invoice_id, 'invoice_id'),
    recordedAtUs: big(row.recorded_at_us, 'recorded_at_us'),
  };
}

export function deliveryToValues(record: DeliveryRecord): unknown[] {
  return [
    record.programmeId,
    record.deliveryKey,
    record.delivery.supplierPartyId,
    encodeRecord(record.delivery),
    record.invoiceId,
    record.recordedAtUs,
  ];
}

export function invoiceFromRow(row: Row): InvoiceRecord {
  return {
    programmeId: text(row.programme_id, 'programme_id'),
    invoice: decodeRecord(text(row.body, 'body')),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    recordedAtUs: big(row.recorded_at_us, 'recorded_at_us'),
  };
}

export function invoiceToValues(record: InvoiceRecord): unknown[] {
  return [
    record.programmeId,
    record.invoice.invoiceId,
    record.invoice.supplierPartyId,
    record.invoice.totalMinor,
    record.contentSha256,
    encodeRecord(record.invoice),
    record.recordedAtUs,
  ];
}

export function creditNoteFromRow(row: Row): CreditNote {
  return decodeRecord(text(row.body, 'body'));
}

export function depositFromRow(row: Row): DepositRecord {
  return {
    programmeId: text(row.programme_id, 'programme_id'),
    deposit: decodeRecord(text(row.body, 'body')),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    recordedAtUs: big(row.recorded_at_us, 'recorded_at_us'),
  };
}

export function depositToValues(record: DepositRecord): unknown[] {
  return [
    record.programmeId,
    record.deposit.depositId,
    record.deposit.escrowAmountMinor,
    record.contentSha256,
    encodeRecord(record.deposit),
    record.recordedAtUs,
  ];
}

const statuses = new Set<string>(disbursementStatuses);

export function disbursementFromRow(row: Row): DisbursementRecord {
  const status = text(row.status, 'status');
  if (!statuses.has(status))
    throw new Error(`column status: unknown disbursement status "${status}"`);
  return {
    disbursementId: text(row.disbursement_id, 'disbursement_id'),
    programmeId: text(row.programme_id, 'programme_id'),
    programmeVersionNo: Number(big(row.programme_version_no, 'programme_version_no')),
    channelId: text(row.channel_id, 'channel_id'),
    status: status as DisbursementStatus,
    version: Number(big(row.version, 'version')),
    request: decodeRecord(text(row.request_body, 'request_body')),
    state: decodeRecord(text(row.state_body, 'state_body')),
    ledgerAmountMinor: big(row.ledger_amount_minor, 'ledger_amount_minor'),
    capAmountMinor: big(row.cap_amount_minor, 'cap_amount_minor'),
    capPeriodKey: optionalText(row.cap_period_key, 'cap_period_key'),
    waiverId: optionalText(row.waiver_id, 'waiver_id'),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

/** Column order of both adapters' insert. */
export const disbursementColumns = [
  'disbursement_id',
  'programme_id',
  'programme_version_no',
  'channel_id',
  'status',
  'version',
  'request_body',
  'state_body',
  'ledger_amount_minor',
  'cap_amount_minor',
  'cap_period_key',
  'waiver_id',
  'created_at_us',
  'updated_at_us',
] as const;

export function disbursementToValues(record: DisbursementRecord): unknown[] {
  // The state's status is the truth; the column copies it so the store can filter by it.
  if (record.state.status !== record.status)
    throw new Error(
      `disbursement ${record.disbursementId}: status column ${record.status} differs from state ${record.state.status}`,
    );
  return [
    record.disbursementId,
    record.programmeId,
    record.programmeVersionNo,
    record.channelId,
    record.status,
    record.version,
    encodeRecord(record.request),
    encodeRecord(record.state),
    record.ledgerAmountMinor,
    record.capAmountMinor,
    record.capPeriodKey,
    record.waiverId,
    record.createdAtUs,
    record.updatedAtUs,
  ];
}

export function attachmentFromRow(row: Row): DocumentAttachment {
  return {
    disbursementId: text(row.disbursement_id, 'disbursement_id'),
    kind: text(row.kind, 'kind'),
    sha256: text(row.sha256, 'sha256'),
    attachedBy: text(row.attached_by, 'attached_by'),
    attachedAtUs: big(row.attached_at_us, 'attached_at_us'),
  };
}

export function allocationFromRow(row: Row): Allocation {
  return {
    disbursementId: text(row.disbursement_id, 'disbursement_id'),
    invoiceId: text(row.invoice_id, 'invoice_id'),
    amountMinor: big(row.amount_minor, 'amount_minor'),
  };
}
