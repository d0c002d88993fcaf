// The programme statement's arithmetic, from figures the ledger supplies (one currency: the
// settlement currency). Pure, so the same function can be checked against the sum of ledger
// transfers. The impossible (more disbursed than deposited, more credited than invoiced) is an
// invariant violation, not a negative figure on a report.
import { assertInvariant } from '../domain-error.js';
import { daysBetween, type IsoDate } from './calendar-date.js';
import type { Programme } from './programme.js';
import { lastDayInForce, type Waiver } from './waiver.js';
import { waiverCovering } from './waiver-window.js';

export interface StatementFigures {
  readonly currency: string;
  readonly invoicedMinor: bigint;
  readonly creditedMinor: bigint;
  readonly depositedMinor: bigint;
  readonly disbursedByChannelMinor: Readonly<Record<string, bigint>>;
  readonly reservedByChannelMinor: Readonly<Record<string, bigint>>;
}

export interface ChannelWaiverStatus {
  readonly channelId: string;
  readonly covered: boolean;
  readonly waiverId?: string;
  readonly lastDayInForce?: IsoDate;
  readonly daysRemaining?: number;
}

export interface Statement {
  readonly currency: string;
  readonly invoicedMinor: bigint;
  readonly creditedMinor: bigint;
  /** invoiced − credited: what the debtor owes the creditor in total */
  readonly owedMinor: bigint;
  readonly depositedMinor: bigint;
  readonly disbursedByChannelMinor: Readonly<Record<string, bigint>>;
  /** paid out through the channels: each payment settles part of what is owed */
  readonly disbursedMinor: bigint;
  readonly reservedByChannelMinor: Readonly<Record<string, bigint>>;
  readonly reservedMinor: bigint;
  /** deposited − disbursed: what the custodian holds */
  readonly escrowBalanceMinor: bigint;
  /** escrow balance − reserved: what new disbursements can still use */
  readonly availableMinor: bigint;
  /** owed − settled */
  readonly arrearsMinor: bigint;
  /** the part of the arrears the debtor has not yet deposited */
  readonly arrearsNotCoveredByEscrowMinor: bigint;
  /** deposited beyond what is owed (advance payment) */
  readonly escrowSurplusMinor: bigint;
  readonly waiverStatus: readonly ChannelWaiverStatus[];
}

function sumValues(record: Readonly<Record<string, bigint>>): bigint {
  return Object.values(record).reduce((sum, value) => sum + value, 0n);
}

/** Per channel: is it covered on `date`, by which waiver, until when. */
export function waiverStatusOn(
  programme: Pick<Programme, 'channels'>,
  waivers: readonly Waiver[],
  date: IsoDate,
): ChannelWaiverStatus[] {
  return programme.channels.map(({ channelId }) => {
    const waiver = waiverCovering(waivers, channelId, date);
    if (!waiver) return { channelId, covered: false };
    const lastDay = lastDayInForce(waiver);
    return {
      channelId,
      covered: true,
      waiverId: waiver.waiverId,
      lastDayInForce: lastDay,
      daysRemaining: daysBetween(date, lastDay),
    };
  });
}

export function computeStatement(
  figures: StatementFigures,
  channelIds: readonly string[],
  waiverStatus: readonly ChannelWaiverStatus[],
): Statement {
  const withAllChannels = (
    record: Readonly<Record<string, bigint>>,
    what: string,
  ): Record<string, bigint> => {
    for (const [channelId, value] of Object.entries(record)) {
      assertInvariant(channelIds.includes(channelId), `${what} for unknown channel ${channelId}`);
      assertInvariant(value >= 0n, `${what} on ${channelId} is negative`);
    }
    return Object.fromEntries(channelIds.map((channelId) => [channelId, record[channelId] ?? 0n]));
  };
  for (const [name, value] of [
    ['invoiced', figures.invoicedMinor],
    ['credited', figures.creditedMinor],
    ['deposited', figures.depositedMinor],
  ] as const) {
    assertInvariant(value >= 0n, `${name} is negative`);
  }
  assertInvariant(figures.creditedMinor <= figures.invoicedMinor, 'more credited than invoiced');
  const disbursedByChannelMinor = withAllChannels(figures.disbursedByChannelMinor, 'disbursed');
  const reservedByChannelMinor = withAllChannels(figures.reservedByChannelMinor, 'reserved');
  const disbursedMinor = sumValues(disbursedByChannelMinor);
  const reservedMinor = sumValues(reservedByChannelMinor);
  const owedMinor = figures.invoicedMinor - figures.creditedMinor;
  const escrowBalanceMinor = figures.depositedMinor - disbursedMinor;
  assertInvariant(
    escrowBalanceMinor >= 0n,
    'more disbursed than deposited: the restricted account is overdrawn',
  );
  const availableMinor = escrowBalanceMinor - reservedMinor;
  assertInvariant(availableMinor >= 0n, 'more reserved than held in escrow');
  const arrearsMinor = owedMinor - disbursedMinor;
  const gap = arrearsMinor - escrowBalanceMinor;
  return {
    currency: figures.currency,
    invoicedMinor: figures.invoicedMinor,
    creditedMinor: figures.creditedMinor,
    owedMinor,
    depositedMinor: figures.depositedMinor,
    disbursedByChannelMinor,
    disbursedMinor,
    reservedByChannelMinor,
    reservedMinor,
    escrowBalanceMinor,
    availableMinor,
    arrearsMinor,
    arrearsNotCoveredByEscrowMinor: gap > 0n ? gap : 0n,
    escrowSurplusMinor: gap < 0n ? -gap : 0n,
    waiverStatus,
  };
}
