// What counts against a cap: money reserved or paid (funds_reserved, instructed, executed), never
// mere requests. The caller passes the disbursements it loaded under lock; this sums them the way
// each cap counts.
import { holdsReservation, type DisbursementStatus } from './disbursement-state-machine.js';
import { referenceEquivalentMinor } from './exchange-rate.js';
import type { Programme } from './programme.js';
import type { Waiver, WaiverCap } from './waiver.js';

export interface CommittedDisbursement {
  readonly disbursementId: string;
  readonly channelId: string;
  readonly status: DisbursementStatus;
  readonly amountMinor: bigint;
  readonly currency: string;
  /** the request in the channel's cap currency, fixed at creation */
  readonly capAmountMinor: bigint;
  /** set when funds were reserved */
  readonly capPeriodKey: string | null;
  readonly waiverId: string | null;
}

export function isCommitted(status: DisbursementStatus): boolean {
  return holdsReservation(status) || status === 'executed';
}

/** Reserved + paid on a channel in one cap period (in the channel's cap currency), excluding one disbursement. */
export function committedInPeriodMinor(
  disbursements: readonly CommittedDisbursement[],
  channelId: string,
  capPeriodKey: string,
  excludeId?: string,
): bigint {
  return disbursements
    .filter(
      (entry) =>
        entry.disbursementId !== excludeId &&
        isCommitted(entry.status) &&
        entry.channelId === channelId &&
        entry.capPeriodKey === capPeriodKey,
    )
    .reduce((sum, entry) => sum + entry.capAmountMinor, 0n);
}

/** Reserved + paid under a waiver, counted as the waiver cap counts (one channel or all), in the cap's currency. */
export function committedUnderWaiverCapMinor(
  programme: Pick<Programme, 'referenceRates'>,
  disbursements: readonly CommittedDisbursement[],
  waiver: Waiver,
  cap: WaiverCap,
  excludeId?: string,
): bigint {
  return disbursements
    .filter(
      (entry) =>
        entry.disbursementId !== excludeId &&
        isCommitted(entry.status) &&
        entry.waiverId === waiver.waiverId &&
        (cap.channelId === undefined || cap.channelId === entry.channelId),
    )
    .reduce(
      (sum, entry) =>
        sum +
        referenceEquivalentMinor(
          programme.referenceRates,
          entry.amountMinor,
          entry.currency,
          cap.currency,
        ),
      0n,
    );
}
