// What the passage of time does to waivers: warnings before expiry, and reservations that must be
// released when the waiver they were made under stops covering. Pure: `now` is an argument and
// the programme's time zone turns it into a calendar day.
import { addDays, calendarDateAt, daysBetween, type IsoDate } from './calendar-date.js';
import type { Programme } from './programme.js';
import { lastDayInForce, waiverInForceOn, type Waiver } from './waiver.js';
import { waiverCovering } from './waiver-window.js';

export interface ExpiryWarning {
  readonly waiverId: string;
  /** the threshold reached (30, 14 or 7 in the reference programme) */
  readonly thresholdDays: number;
  /** days from today until the last day in force (0 on the last day) */
  readonly daysRemaining: number;
  readonly lastDayInForce: IsoDate;
  /** channels with no other waiver continuing the day after: the reason to warn at all */
  readonly channelIdsLosingCover: readonly string[];
  /** send each warning once: the caller records keys already sent */
  readonly key: string;
}

/**
 * Warnings due at `now`: for each waiver in force, the tightest threshold already reached. A channel
 * renewed without a gap is not at risk, so it is left out; a waiver whose every channel is renewed
 * raises no warning.
 */
export function expiryWarningsDue(
  waivers: readonly Waiver[],
  now: Date,
  programme: Pick<Programme, 'timeZone' | 'waiverPolicy'>,
): ExpiryWarning[] {
  const today = calendarDateAt(now, programme.timeZone);
  const thresholds = [...programme.waiverPolicy.expiryWarningDaysBefore].sort((a, b) => a - b);
  const warnings: ExpiryWarning[] = [];
  for (const waiver of waivers) {
    if (!waiverInForceOn(waiver, today)) continue;
    const lastDay = lastDayInForce(waiver);
    const daysRemaining = daysBetween(today, lastDay);
    const thresholdDays = thresholds.find((threshold) => daysRemaining <= threshold);
    if (thresholdDays === undefined) continue;
    const dayAfter = addDays(lastDay, 1);
    const channelIdsLosingCover = waiver.channelIds.filter(
      (channelId) => waiverCovering(waivers, channelId, dayAfter) === undefined,
    );
    if (channelIdsLosingCover.length === 0) continue;
    warnings.push({
      waiverId: waiver.waiverId,
      thresholdDays,
      daysRemaining,
      lastDayInForce: lastDay,
      channelIdsLosingCover,
      key: `${waiver.waiverId}:${thresholdDays}`,
    });
  }
  return warnings;
}

export interface OpenReservation {
  readonly reservationId: string;
  readonly channelId: string;
  /** the waiver the reservation was made under */
  readonly waiverId: string;
}

export type ReleaseReason =
  'waiver_lapsed' | 'waiver_revoked' | 'waiver_unknown' | 'waiver_not_covering_channel';

export interface ReservationRelease<R extends OpenReservation> {
  readonly reservation: R;
  readonly reason: ReleaseReason;
  /** the last day the waiver covered, when known */
  readonly lastDayInForce?: IsoDate;
}

/**
 * Open reservations to release at `now`. A reservation is tied to the waiver it was made under:
 * a renewal does not silently inherit it, because the renewal may carry different caps and
 * conditions; the request is re-reserved under the new waiver after a fresh check.
 */
export function reservationsToReleaseOnLapse<R extends OpenReservation>(
  waivers: readonly Waiver[],
  openReservations: readonly R[],
  now: Date,
  timeZone: string,
): ReservationRelease<R>[] {
  const today = calendarDateAt(now, timeZone);
  const releases: ReservationRelease<R>[] = [];
  for (const reservation of openReservations) {
    const waiver = waivers.find((entry) => entry.waiverId === reservation.waiverId);
    if (!waiver) {
      releases.push({ reservation, reason: 'waiver_unknown' });
      continue;
    }
    const lastDay = lastDayInForce(waiver);
    if (!waiver.channelIds.includes(reservation.channelId))
      releases.push({
        reservation,
        reason: 'waiver_not_covering_channel',
        lastDayInForce: lastDay,
      });
    else if (today > lastDay)
      releases.push({
        reservation,
        reason: lastDay < waiver.validUntil ? 'waiver_revoked' : 'waiver_lapsed',
        lastDayInForce: lastDay,
      });
  }
  return releases;
}
