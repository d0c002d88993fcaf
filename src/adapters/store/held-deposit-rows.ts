// Row mapping of held_deposits, shared by both adapters.
import { decodeRecord, encodeRecord } from '../../core/programme/content-key.js';
import type { DepositFinding, HeldDepositStatus } from '../../core/programme/deposit-hold.js';
import { big, optionalBig, optionalText, text, type Row } from '../../app/ports/row-values.js';
import type { HeldDepositRecord } from '../../app/ports/held-deposit-port.js';

const statuses: readonly HeldDepositStatus[] = ['held', 'accepted', 'rejected'];

export const heldDepositColumns =
  'programme_id, deposit_id, content_sha256, body, findings, held_by, held_at_us, status, decided_by, decision_reason, decided_at_us';

export function heldDepositToValues(record: HeldDepositRecord): unknown[] {
  return [
    record.programmeId,
    record.deposit.depositId,
    record.contentSha256,
    encodeRecord(record.deposit),
    JSON.stringify(record.findings),
    record.heldBy,
    record.heldAtUs,
    record.status,
    record.decidedBy,
    record.decisionReason,
    record.decidedAtUs,
  ];
}

export function heldDepositFromRow(row: Row): HeldDepositRecord {
  const status = text(row.status, 'status') as HeldDepositStatus;
  if (!statuses.includes(status)) throw new Error(`column status: unknown hold status ${status}`);
  return {
    programmeId: text(row.programme_id, 'programme_id'),
    deposit: decodeRecord(text(row.body, 'body')),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    findings: JSON.parse(text(row.findings, 'findings')) as DepositFinding[],
    heldBy: text(row.held_by, 'held_by'),
    heldAtUs: big(row.held_at_us, 'held_at_us'),
    status,
    decidedBy: optionalText(row.decided_by, 'decided_by'),
    decisionReason: optionalText(row.decision_reason, 'decision_reason'),
    decidedAtUs: optionalBig(row.decided_at_us, 'decided_at_us'),
  };
}
