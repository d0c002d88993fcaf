// The statement's inputs read from ledger balances (see chart-of-accounts.ts): one figure, one
// balance. The shell loads the balances at the closing instant; the arithmetic is computeStatement.
import { assertInvariant } from '../domain-error.js';
import type { AccountBalances } from '../ledger/account.js';
import { programmeAccountIds } from './chart-of-accounts.js';
import type { Programme } from './programme.js';
import type { StatementFigures } from './statement.js';

export type BalanceLookup = (accountId: string) => AccountBalances;

export function statementFiguresFromBalances(
  programme: Programme,
  balanceOf: BalanceLookup,
): StatementFigures {
  const ids = programmeAccountIds(programme);
  const disbursedByChannelMinor: Record<string, bigint> = {};
  const reservedByChannelMinor: Record<string, bigint> = {};
  let returnedMinor = 0n;
  let paidOutMinor = 0n;
  for (const channel of programme.channels) {
    const balances = balanceOf(ids.channel(channel.channelId));
    // net of bank returns after execution (a return debits the channel)
    disbursedByChannelMinor[channel.channelId] =
      balances.creditsPostedMinor - balances.debitsPostedMinor;
    returnedMinor += balances.debitsPostedMinor;
    paidOutMinor += balances.creditsPostedMinor;
    reservedByChannelMinor[channel.channelId] = balances.creditsPendingMinor;
  }
  const escrow = balanceOf(ids.escrow);
  const settled = balanceOf(ids.creditorSettled);
  const sum = (record: Record<string, bigint>): bigint =>
    Object.values(record).reduce((total, value) => total + value, 0n);
  // The same money seen from its other side: checked here, where the two sides meet.
  assertInvariant(
    escrow.debitsPostedMinor === paidOutMinor,
    "escrow payouts differ from the channels' disbursed totals",
  );
  assertInvariant(
    escrow.debitsPendingMinor === sum(reservedByChannelMinor),
    "escrow reservations differ from the channels' reserved totals",
  );
  assertInvariant(
    settled.creditsPostedMinor - settled.debitsPostedMinor === sum(disbursedByChannelMinor),
    'settled credit differs from what the channels paid',
  );
  return {
    currency: programme.settlementCurrency,
    invoicedMinor: balanceOf(ids.creditorInvoiced).debitsPostedMinor,
    creditedMinor: balanceOf(ids.creditorCredited).creditsPostedMinor,
    // returns come back into the escrow too; they are not deposits
    depositedMinor: escrow.creditsPostedMinor - returnedMinor,
    disbursedByChannelMinor,
    reservedByChannelMinor,
  };
}
