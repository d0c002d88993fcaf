import { formatAmountMinor } from '../../core/money/amount.js';
import type { ProgrammeStatement } from '../../app/reporting/programme-statement.js';

export function statementLines(statement: ProgrammeStatement): string[] {
  const c = statement.closing;
  const money = (minor: bigint) =>
    `${formatAmountMinor(minor, c.currency).padStart(22)} ${c.currency}`;
  const row = (label: string, minor: bigint) => `  ${label.padEnd(38)}${money(minor)}`;
  const lines = [
    `Statement — ${statement.programmeName} (${statement.programmeId}), ${statement.from} to ${statement.to}`,
    `In the period (by ${statement.basis} date)`,
    row('invoiced', statement.movements.invoicedMinor),
    row('credited (credit notes)', statement.movements.creditedMinor),
    row('deposited into escrow', statement.movements.depositedMinor),
    ...Object.entries(statement.movements.disbursedByChannelMinor)
      .filter(([, minor]) => minor !== 0n)
      .map(([channelId, minor]) => row(`disbursed: ${channelId}`, minor)),
    `Position at the end of ${statement.to}`,
    row('invoiced', c.invoicedMinor),
    row('credited', c.creditedMinor),
    row('owed (invoiced − credited)', c.owedMinor),
    row('deposited', c.depositedMinor),
    ...Object.entries(c.disbursedByChannelMinor).map(([channelId, minor]) =>
      row(`disbursed: ${channelId}`, minor),
    ),
    row('disbursed in total', c.disbursedMinor),
    ...Object.entries(c.reservedByChannelMinor)
      .filter(([, minor]) => minor !== 0n)
      .map(([channelId, minor]) => row(`reserved: ${channelId}`, minor)),
    row('reserved in total', c.reservedMinor),
    row('escrow balance', c.escrowBalanceMinor),
    row('available in escrow', c.availableMinor),
    row('arrears (owed − settled)', c.arrearsMinor),
    row('arrears not covered by the escrow', c.arrearsNotCoveredByEscrowMinor),
    ...(c.escrowSurplusMinor > 0n ? [row('escrow beyond arrears', c.escrowSurplusMinor)] : []),
    `Waiver status on ${statement.to}`,
    ...c.waiverStatus.map(
      (status) =>
        `  ${status.channelId.padEnd(22)}${status.covered ? `covered by ${status.waiverId} until ${status.lastDayInForce} (${status.daysRemaining} days)` : 'NOT COVERED'}`,
    ),
    ...statement.waiverWarnings.map(
      (warning) =>
        `  warning: waiver ${warning.waiverId} ends ${warning.lastDayInForce}; ${warning.channelIdsLosingCover.join(', ')} lose cover`,
    ),
  ];
  return lines;
}
