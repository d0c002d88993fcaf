// A waiver is the overseer's time-limited licence for the channels. Waivers arrive over time (they
// are records, not programme configuration), so they have their own schema and parser.
import { z } from 'zod';
import { DomainError } from '../domain-error.js';
import { parseAmountMinor } from '../money/amount.js';
import { addDays, isIsoDate, type IsoDate } from './calendar-date.js';
import { formatFieldPath } from './field-path.js';

export interface WaiverCap {
  /** absent = a cap on all channels together */
  readonly channelId?: string;
  readonly currency: string;
  readonly totalCapMinor: bigint;
}

export interface Waiver {
  readonly waiverId: string;
  /** the overseer's own reference, e.g. a State Department notice number */
  readonly reference: string;
  readonly overseerPartyId: string;
  readonly issuedOn: IsoDate;
  /** first day in force */
  readonly validFrom: IsoDate;
  /** last day in force (inclusive), in the programme's time zone */
  readonly validUntil: IsoDate;
  readonly channelIds: readonly string[];
  readonly caps: readonly WaiverCap[];
  readonly conditions: readonly string[];
  /** the waiver this one renews; the chain of renewals is the waiver history */
  readonly renewsWaiverId?: string;
  /** the overseer may withdraw a waiver early: it stops covering from this day on */
  readonly revokedFrom?: IsoDate;
}

const waiverFileSchema = z.strictObject({
  waiverId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lower-case id'),
  reference: z.string().trim().min(1).max(200),
  overseerPartyId: z.string().min(1),
  issuedOn: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD'),
  validFrom: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD'),
  validUntil: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD'),
  channelIds: z.array(z.string()).min(1, 'a waiver covers at least one channel'),
  caps: z
    .array(
      z.strictObject({
        channelId: z.string().optional(),
        currency: z.string().regex(/^[A-Z]{3}$/),
        totalMax: z.string(),
      }),
    )
    .default([]),
  conditions: z.array(z.string().trim().min(1).max(2_000)).max(100).default([]),
  renewsWaiverId: z.string().optional(),
  revokedFrom: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD').optional(),
});

/** Parse a waiver record (e.g. from the CLI or API); the rules that need the programme are in waiver-window.ts. */
export function parseWaiver(json: unknown, field = 'waiver'): Waiver {
  const parsed = waiverFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatFieldPath([field, ...(issue.path as (string | number)[])]);
    throw new DomainError('waiver.invalid', `${path}: ${issue.message}`, { field: path });
  }
  const data = parsed.data;
  const caps = data.caps.map((cap, index) => ({
    ...(cap.channelId !== undefined ? { channelId: cap.channelId } : {}),
    currency: cap.currency,
    totalCapMinor: parseAmountMinor(cap.totalMax, cap.currency, {
      field: `${field}.caps[${index}].totalMax`,
      allowZero: false,
    }),
  }));
  return {
    waiverId: data.waiverId,
    reference: data.reference,
    overseerPartyId: data.overseerPartyId,
    issuedOn: data.issuedOn,
    validFrom: data.validFrom,
    validUntil: data.validUntil,
    channelIds: data.channelIds,
    caps,
    conditions: data.conditions,
    ...(data.renewsWaiverId !== undefined ? { renewsWaiverId: data.renewsWaiverId } : {}),
    ...(data.revokedFrom !== undefined ? { revokedFrom: data.revokedFrom } : {}),
  };
}

/** The last day the waiver actually covers: its end, or the day before a revocation. */
export function lastDayInForce(waiver: Waiver): IsoDate {
  if (waiver.revokedFrom !== undefined && waiver.revokedFrom <= waiver.validUntil) {
    return addDays(waiver.revokedFrom, -1);
  }
  return waiver.validUntil;
}

export function waiverInForceOn(waiver: Waiver, date: IsoDate): boolean {
  return waiver.validFrom <= date && date <= lastDayInForce(waiver);
}
