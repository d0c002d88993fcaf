// Row ↔ record mapping for configuration proposals, shared by both adapters (same columns).
import {
  big,
  flag,
  optionalBig,
  optionalText,
  text,
  type Row,
} from '../../app/ports/row-values.js';
import {
  configurationProposalKinds,
  configurationProposalStatuses,
  type ConfigurationProposalKind,
  type ConfigurationProposalRecord,
  type ConfigurationProposalStatus,
} from '../../app/ports/configuration-proposal-port.js';

function oneOf<T extends string>(value: string, allowed: readonly T[], column: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`column ${column}: unknown value "${value}"`);
  return value as T;
}

export function proposalFromRow(row: Row): ConfigurationProposalRecord {
  const status = oneOf<ConfigurationProposalStatus>(
    text(row.status, 'status'),
    configurationProposalStatuses,
    'status',
  );
  const decidedBy = optionalText(row.decided_by, 'decided_by');
  const decidedAtUs = optionalBig(row.decided_at_us, 'decided_at_us');
  // Assert on read what the table's CHECKs assert on write: decided exactly when not proposed.
  if (
    (status === 'proposed') !== (decidedBy === null) ||
    (decidedBy === null) !== (decidedAtUs === null)
  ) {
    throw new Error(
      `proposal ${String(row.proposal_id)}: status ${status} disagrees with its decision columns`,
    );
  }
  return {
    proposalId: text(row.proposal_id, 'proposal_id'),
    proposalNo: Number(big(row.proposal_no, 'proposal_no')),
    programmeId: text(row.programme_id, 'programme_id'),
    kind: oneOf<ConfigurationProposalKind>(
      text(row.kind, 'kind'),
      configurationProposalKinds,
      'kind',
    ),
    subjectId: text(row.subject_id, 'subject_id'),
    contentJson: text(row.content_json, 'content_json'),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    baseRef: text(row.base_ref, 'base_ref'),
    touchesLegalBasis: flag(row.touches_legal_basis),
    proposedBy: text(row.proposed_by, 'proposed_by'),
    proposedAtUs: big(row.proposed_at_us, 'proposed_at_us'),
    proposalReason: text(row.proposal_reason, 'proposal_reason'),
    status,
    decision:
      status === 'proposed'
        ? null
        : {
            status,
            decidedBy: decidedBy!,
            decidedAtUs: decidedAtUs!,
            reason: text(row.decision_reason, 'decision_reason'),
          },
  };
}

export const proposalColumns = [
  'proposal_id',
  'proposal_no',
  'programme_id',
  'kind',
  'subject_id',
  'content_json',
  'content_sha256',
  'base_ref',
  'touches_legal_basis',
  'proposed_by',
  'proposed_at_us',
  'proposal_reason',
  'status',
] as const;

export function proposalToValues(
  record: ConfigurationProposalRecord,
  booleanAs: 'integer' | 'boolean',
): unknown[] {
  if (record.status !== 'proposed' || record.decision !== null)
    throw new Error(`proposal ${record.proposalId}: only an undecided proposal is inserted`);
  const touches =
    booleanAs === 'integer' ? (record.touchesLegalBasis ? 1 : 0) : record.touchesLegalBasis;
  return [
    record.proposalId,
    record.proposalNo,
    record.programmeId,
    record.kind,
    record.subjectId,
    record.contentJson,
    record.contentSha256,
    record.baseRef,
    touches,
    record.proposedBy,
    record.proposedAtUs,
    record.proposalReason,
    record.status,
  ];
}
