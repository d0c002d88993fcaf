// Whether the bank's confirmation of an instructed payment is covered by a waiver. The bank acts
// on the instruction it was given: if the reservation's waiver was in force on the day of the
// instruction, and the payment's value date lies in that waiver's covered window, the execution
// is licensed even when confirmed after the waiver lapsed (a renewal need not exist at all).
import type { IsoDate } from './calendar-date.js';
import { lastDayInForce, waiverInForceOn, type Waiver } from './waiver.js';

export function executionCoverWaiverId(
  waivers: readonly Waiver[],
  reservationWaiverId: string | null,
  channelId: string,
  instructedOn: IsoDate | undefined,
  valueDate: IsoDate,
): string | undefined {
  const waiver = waivers.find((entry) => entry.waiverId === reservationWaiverId);
  if (!waiver || !waiver.channelIds.includes(channelId) || instructedOn === undefined)
    return undefined;
  if (!waiverInForceOn(waiver, instructedOn)) return undefined;
  return valueDate >= waiver.validFrom && valueDate <= lastDayInForce(waiver)
    ? waiver.waiverId
    : undefined;
}
