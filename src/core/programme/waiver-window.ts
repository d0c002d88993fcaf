// Rules about when waivers are in force: validation of one waiver against the programme, of the
// whole history (renewals, overlaps), which waiver covers a channel on a day, and gaps in cover.
import { addDays, inclusiveDays, type IsoDate } from './calendar-date.js';
import { findChannel, findParty, type Programme } from './programme.js';
import { formatAmountMinor } from '../money/amount.js';
import { referenceEquivalentMinor } from './exchange-rate.js';
import { lastDayInForce, waiverInForceOn, type Waiver, type WaiverCap } from './waiver.js';
import type { Finding } from './finding.js';

/** Problems with one waiver on its own: empty when it is acceptable. */
export function validateWaiver(programme: Programme, waiver: Waiver): Finding[] {
  const findings: Finding[] = [];
  const add = (code: string, field: string, message: string): void => {
    findings.push({ code, field, message, severity: 'violation' });
  };
  if (waiver.validUntil < waiver.validFrom) {
    add(
      'waiver.end_before_start',
      'validUntil',
      `waiver ${waiver.waiverId} ends (${waiver.validUntil}) before it starts (${waiver.validFrom})`,
    );
  } else {
    const days = inclusiveDays(waiver.validFrom, waiver.validUntil);
    const max = programme.legalBasis.waiverValidityDaysMax;
    if (days > max)
      add(
        'waiver.too_long',
        'validUntil',
        `waiver ${waiver.waiverId} lasts ${days} days; the legal basis allows at most ${max}`,
      );
  }
  if (waiver.issuedOn > waiver.validUntil)
    add(
      'waiver.issued_after_end',
      'issuedOn',
      `waiver ${waiver.waiverId} was issued (${waiver.issuedOn}) after its window ended`,
    );
  const overseer = findParty(programme, waiver.overseerPartyId);
  if (!overseer)
    add('waiver.unknown_overseer', 'overseerPartyId', `unknown party "${waiver.overseerPartyId}"`);
  else if (!overseer.roles.includes('overseer'))
    add(
      'waiver.not_overseer',
      'overseerPartyId',
      `party "${waiver.overseerPartyId}" is not an overseer and cannot grant waivers`,
    );
  waiver.channelIds.forEach((channelId, index) => {
    if (!findChannel(programme, channelId))
      add('waiver.unknown_channel', `channelIds[${index}]`, `unknown channel "${channelId}"`);
  });
  waiver.caps.forEach((cap, index) => {
    if (cap.channelId !== undefined && !waiver.channelIds.includes(cap.channelId)) {
      add(
        'waiver.cap_channel_not_covered',
        `caps[${index}].channelId`,
        `cap for channel "${cap.channelId}", which this waiver does not cover`,
      );
    }
  });
  return findings;
}

function overlaps(a: Waiver, b: Waiver): boolean {
  return a.validFrom <= lastDayInForce(b) && b.validFrom <= lastDayInForce(a);
}

/**
 * Problems across the history. Two waivers covering the same channel on the same day would make
 * it ambiguous whose caps and conditions apply; the one exception the policy may allow is a
 * renewal issued before its predecessor ends.
 */
export function validateWaiverHistory(programme: Programme, waivers: readonly Waiver[]): Finding[] {
  const findings: Finding[] = [];
  const ids = new Set<string>();
  waivers.forEach((waiver, index) => {
    if (ids.has(waiver.waiverId))
      findings.push({
        code: 'waiver.duplicate_id',
        field: `waivers[${index}].waiverId`,
        message: `duplicate waiver id "${waiver.waiverId}"`,
        severity: 'violation',
      });
    ids.add(waiver.waiverId);
    for (const finding of validateWaiver(programme, waiver))
      findings.push({ ...finding, field: `waivers[${index}].${finding.field}` });
    if (
      waiver.renewsWaiverId !== undefined &&
      !waivers.some((other) => other.waiverId === waiver.renewsWaiverId)
    ) {
      findings.push({
        code: 'waiver.renews_unknown',
        field: `waivers[${index}].renewsWaiverId`,
        message: `renews unknown waiver "${waiver.renewsWaiverId}"`,
        severity: 'violation',
      });
    }
  });
  for (let later = 0; later < waivers.length; later += 1) {
    for (let earlier = 0; earlier < later; earlier += 1) {
      const a = waivers[earlier]!;
      const b = waivers[later]!;
      const shared = a.channelIds.filter((channelId) => b.channelIds.includes(channelId));
      if (shared.length === 0 || !overlaps(a, b)) continue;
      const isRenewal = b.renewsWaiverId === a.waiverId || a.renewsWaiverId === b.waiverId;
      if (isRenewal && programme.waiverPolicy.renewalOverlap === 'allow') continue;
      findings.push({
        code: isRenewal ? 'waiver.renewal_overlap_forbidden' : 'waiver.overlap',
        field: `waivers[${later}].validFrom`,
        message: `waiver ${b.waiverId} overlaps ${a.waiverId} on ${shared.join(', ')}${isRenewal ? ' and this programme forbids overlapping renewals' : ''}`,
        severity: 'violation',
      });
    }
  }
  return findings;
}

/**
 * The waiver covering `channelId` on `date`, or undefined. When a renewal overlaps its predecessor,
 * the latest-issued waiver wins (its caps and conditions are the overseer's current word).
 */
export function waiverCovering(
  waivers: readonly Waiver[],
  channelId: string,
  date: IsoDate,
): Waiver | undefined {
  let best: Waiver | undefined;
  for (const waiver of waivers) {
    if (!waiver.channelIds.includes(channelId) || !waiverInForceOn(waiver, date)) continue;
    if (
      !best ||
      waiver.issuedOn > best.issuedOn ||
      (waiver.issuedOn === best.issuedOn && waiver.validFrom > best.validFrom)
    )
      best = waiver;
  }
  return best;
}

export interface CoverGap {
  readonly channelId: string;
  /** first uncovered day */
  readonly from: IsoDate;
  /** last uncovered day (inclusive) */
  readonly until: IsoDate;
  readonly days: number;
}

export const gapSearchDaysMax = 3_660;

/** Days in [from, until] on which no waiver covered the channel, as ranges (history and planning). */
export function waiverGaps(
  waivers: readonly Waiver[],
  channelId: string,
  from: IsoDate,
  until: IsoDate,
): CoverGap[] {
  if (until < from) return [];
  const span = inclusiveDays(from, until);
  if (span > gapSearchDaysMax)
    throw new RangeError(`gap search over ${span} days; at most ${gapSearchDaysMax}`);
  const relevant = waivers.filter((waiver) => waiver.channelIds.includes(channelId));
  const gaps: CoverGap[] = [];
  let gapStart: IsoDate | undefined;
  for (let offset = 0; offset < span; offset += 1) {
    const day = addDays(from, offset);
    const covered = relevant.some((waiver) => waiverInForceOn(waiver, day));
    if (!covered && gapStart === undefined) gapStart = day;
    if (covered && gapStart !== undefined) {
      gaps.push({
        channelId,
        from: gapStart,
        until: addDays(day, -1),
        days: inclusiveDays(gapStart, addDays(day, -1)),
      });
      gapStart = undefined;
    }
  }
  if (gapStart !== undefined)
    gaps.push({ channelId, from: gapStart, until, days: inclusiveDays(gapStart, until) });
  return gaps;
}

/** The renewal chain ending at `waiverId`, oldest first (the waiver's history). */
export function renewalChain(waivers: readonly Waiver[], waiverId: string): Waiver[] {
  const chain: Waiver[] = [];
  const seen = new Set<string>();
  let current = waivers.find((waiver) => waiver.waiverId === waiverId);
  while (current && !seen.has(current.waiverId)) {
    seen.add(current.waiverId);
    chain.unshift(current);
    const previousId = current.renewsWaiverId;
    current =
      previousId === undefined
        ? undefined
        : waivers.find((waiver) => waiver.waiverId === previousId);
  }
  return chain;
}

/**
 * Findings for a disbursement on `date` against the waivers: no waiver covering the channel, or a
 * waiver cap that the amount would exceed. `committedUnderCap` returns what is already reserved or
 * paid under the waiver, counted the way the cap counts (one channel, or all), in the cap currency.
 */
export function checkWaiverCover(
  programme: Programme,
  waivers: readonly Waiver[],
  channelId: string,
  date: IsoDate,
  amount: { readonly amountMinor: bigint; readonly currency: string },
  committedUnderCap: (waiver: Waiver, cap: WaiverCap) => bigint,
): Finding[] {
  const waiver = waiverCovering(waivers, channelId, date);
  if (!waiver) {
    const lapsed = waivers
      .filter((entry) => entry.channelIds.includes(channelId) && lastDayInForce(entry) < date)
      .sort((a, b) => (lastDayInForce(a) < lastDayInForce(b) ? 1 : -1))[0];
    return [
      {
        code: lapsed ? 'waiver.expired' : 'waiver.not_covering',
        field: 'valueDate',
        message: lapsed
          ? `waiver ${lapsed.waiverId} covering ${channelId} ended on ${lastDayInForce(lapsed)}; no waiver covers ${date}`
          : `no waiver covers channel ${channelId} on ${date}`,
        severity: 'violation',
      },
    ];
  }
  const findings: Finding[] = [];
  waiver.caps.forEach((cap, index) => {
    if (cap.channelId !== undefined && cap.channelId !== channelId) return;
    const amountCapMinor = referenceEquivalentMinor(
      programme.referenceRates,
      amount.amountMinor,
      amount.currency,
      cap.currency,
    );
    const committedMinor = committedUnderCap(waiver, cap);
    if (committedMinor + amountCapMinor > cap.totalCapMinor) {
      findings.push({
        code: 'waiver.cap_exceeded',
        field: 'amountMinor',
        message: `waiver ${waiver.waiverId} caps ${cap.channelId ?? 'all channels'} at ${formatAmountMinor(cap.totalCapMinor, cap.currency)} ${cap.currency}; ${formatAmountMinor(committedMinor, cap.currency)} is already committed`,
        severity: 'violation',
        details: { waiverId: waiver.waiverId, capIndex: index },
      });
    }
  });
  return findings;
}
