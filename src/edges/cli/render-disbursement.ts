import { formatAmountMinor } from '../../core/money/amount.js';
import type { DisbursementRecord, DocumentAttachment } from '../../app/ports/programme-ports.js';
import { formatInstant } from '../../core/time/instant.js';

export function disbursementLine(record: DisbursementRecord): string {
  const { request } = record;
  return `${record.disbursementId.padEnd(16)} ${record.status.padEnd(17)} ${record.channelId.padEnd(20)} ${request.payeePartyId.padEnd(26)} ${formatAmountMinor(request.amountMinor, request.currency).padStart(18)} ${request.currency}`;
}

export function disbursementDetail(
  record: DisbursementRecord,
  documents: readonly DocumentAttachment[],
): string[] {
  const { state } = record;
  const lines = [
    disbursementLine(record),
    `  requested by ${state.requestedBy}; needs ${state.requirement.approvalsRequired} approval(s)${state.requirement.overseerNonObjectionRequired ? " and the overseer's non-objection" : ''}; version ${record.version}, updated ${formatInstant(record.updatedAtUs)}`,
    `  approvals: ${state.approvals.map((approval) => approval.userId).join(', ') || 'none'}`,
  ];
  if (state.screening)
    lines.push(`  screening: ${state.screening.outcome} (${state.screening.hitCount} hit(s))`);
  if (state.complianceClearance)
    lines.push(
      `  compliance cleared by ${state.complianceClearance.userId}: ${state.complianceClearance.reason}`,
    );
  if (state.overridesRequired.length > 0)
    lines.push(
      `  warnings to override: ${state.overridesRequired.map((key) => `${key}${state.overrides.some((override) => override.findingKey === key) ? ' (overridden)' : ''}`).join(', ')}`,
    );
  const account = record.request.beneficiaryAccount;
  if (account)
    lines.push(
      `  beneficiary account: ${account.iban ?? account.accountNumber} at ${account.bankName} (${account.bic}, ${account.bankCountry})`,
    );
  if (state.overseerNonObjection)
    lines.push(`  overseer non-objection: ${state.overseerNonObjection.reference}`);
  if (record.waiverId)
    lines.push(`  reserved under waiver ${record.waiverId}, cap period ${record.capPeriodKey}`);
  if (state.execution) lines.push(`  executed: bank reference ${state.execution.bankReference}`);
  if (state.closure) lines.push(`  closed by ${state.closure.userId}: ${state.closure.reason}`);
  lines.push(`  documents: ${documents.length === 0 ? 'none' : ''}`);
  for (const document of documents)
    lines.push(`    ${document.kind.padEnd(24)} sha256:${document.sha256}`);
  return lines;
}
