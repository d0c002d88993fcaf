// The overseer report as CSV (RFC 4180): sections one after another, each with its own header
// row and a first column naming the section, so a reader can split the file with one filter.
import type { OverseerReport, ReportName } from './overseer-report-model.js';

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (values: (string | number | null)[]) => values.map(cell).join(',');
const nameList = (list: readonly ReportName[]) =>
  list.map((name) => `${name.text} [${name.language}]`).join(' | ');

export function overseerReportCsv(report: OverseerReport): string {
  const lines: string[] = [];
  lines.push(
    row([
      'section',
      'report_sha256',
      'programme',
      'from',
      'to',
      'generated_at',
      'checkpoint_at_us',
      'checkpoint_key',
      'checkpoint_heads_sha256',
    ]),
  );
  lines.push(
    row([
      'report',
      report.sha256,
      report.programmeId,
      report.from,
      report.to,
      report.generatedAt,
      report.checkpoint?.atUs ?? null,
      report.checkpoint?.keyId ?? null,
      report.checkpoint?.headsSha256 ?? null,
    ]),
  );
  lines.push('');
  lines.push(
    row([
      'section',
      'disbursement_id',
      'channel',
      'status',
      'payee_id',
      'payee_names',
      'beneficial_owners',
      'amount',
      'currency',
      'ledger_amount',
      'ledger_currency',
      'rate',
      'waiver_id',
      'waiver_reference',
      'requested_by',
      'created_at',
      'screening',
      'hits',
      'compliance_clearance',
      'approvals',
      'overrides',
      'non_objection',
      'documents',
      'bank_reference',
      'end_to_end_id',
      'uetr',
      'bank_status',
      'bank_reason_code',
    ]),
  );
  for (const entry of report.disbursements) {
    lines.push(
      row([
        'disbursement',
        entry.disbursementId,
        entry.channelId,
        entry.status,
        entry.payeePartyId,
        nameList(entry.payeeNames),
        entry.beneficialOwners
          .map((owner) => `${nameList(owner.names)} ${owner.sharePercent}% ${owner.nationality}`)
          .join(' || '),
        entry.amount,
        entry.currency,
        entry.ledgerAmount,
        entry.ledgerCurrency,
        entry.rate,
        entry.waiverId,
        entry.waiverReference,
        entry.requestedBy,
        entry.createdAt,
        entry.screening
          ? `${entry.screening.outcome} (${entry.screening.hitCount}) ${entry.screening.at}`
          : null,
        entry.hits
          .map(
            (hit) =>
              `${hit.source} ${hit.entryId} "${hit.matchedName}" ${hit.score} ${hit.status}${hit.decidedBy ? ` by ${hit.decidedBy} ${hit.decidedAt ?? ''}` : ''}`,
          )
          .join(' | '),
        entry.complianceClearance
          ? `${entry.complianceClearance.userId} ${entry.complianceClearance.at}: ${entry.complianceClearance.reason}`
          : null,
        entry.approvals.map((approval) => `${approval.userId} ${approval.at}`).join(' | '),
        entry.overrides
          .map(
            (override) =>
              `${override.findingKey} by ${override.userId} ${override.at}: ${override.reason}`,
          )
          .join(' | '),
        entry.nonObjection
          ? `${entry.nonObjection.userId} ${entry.nonObjection.at} ${entry.nonObjection.reference}`
          : null,
        entry.documents.map((document) => `${document.kind}:${document.sha256}`).join(' | '),
        entry.bankReference,
        entry.endToEndId,
        entry.uetr,
        entry.bankStatus,
        entry.bankReasonCode,
      ]),
    );
  }
  lines.push('');
  lines.push(row(['section', 'figure', 'amount', 'currency']));
  for (const [figure, amount] of Object.entries(report.statement))
    lines.push(row(['statement', figure, amount, report.settlementCurrency]));
  lines.push('');
  lines.push(row(['section', 'creditor_id', 'names', 'invoiced', 'credited', 'owed', 'currency']));
  for (const creditor of report.creditors)
    lines.push(
      row([
        'creditor',
        creditor.partyId,
        nameList(creditor.names),
        creditor.invoiced,
        creditor.credited,
        creditor.owed,
        report.settlementCurrency,
      ]),
    );
  lines.push('');
  lines.push(
    row([
      'section',
      'waiver_id',
      'reference',
      'channels',
      'valid_from',
      'valid_until',
      'revoked_from',
      'renews',
    ]),
  );
  for (const waiver of report.waivers)
    lines.push(
      row([
        'waiver',
        waiver.waiverId,
        waiver.reference,
        waiver.channelIds.join(' '),
        waiver.validFrom,
        waiver.validUntil,
        waiver.revokedFrom,
        waiver.renewsWaiverId,
      ]),
    );
  lines.push('');
  lines.push(row(['section', 'channel', 'gap_from', 'gap_until', 'days']));
  for (const gap of report.gaps)
    lines.push(row(['gap', gap.channelId, gap.from, gap.until, gap.days]));
  return `${lines.join('\r\n')}\r\n`;
}
