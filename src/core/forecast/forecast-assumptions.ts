// The forecast's inputs fitted to the programme's own history, and the waiver renewals a user
// assumes: pure functions over plain records, so each fit can be checked by hand.
import { addDays, type IsoDate } from '../programme/calendar-date.js';
import type { ForecastWaiver, YearMonth } from './forecast.js';

export interface MonthlyQuantity {
  readonly month: YearMonth;
  /** delivered in the month, in base units (m³, MWh), rounded down to whole units */
  readonly quantityBase: bigint;
}

/**
 * A seasonal profile: for each calendar month, the mean over the years on record of that month's
 * deliveries. A calendar month never on record takes the mean of the months that are (flat where
 * history is short); no history at all is a profile of zeros.
 */
export function seasonalProfile(history: readonly MonthlyQuantity[]): bigint[] {
  const totals = new Map<YearMonth, bigint>();
  for (const entry of history)
    totals.set(entry.month, (totals.get(entry.month) ?? 0n) + entry.quantityBase);
  const byCalendarMonth: bigint[][] = Array.from({ length: 12 }, () => []);
  for (const [month, quantity] of totals)
    byCalendarMonth[Number(month.slice(5, 7)) - 1]!.push(quantity);
  const mean = (values: readonly bigint[]) =>
    values.reduce((sum, value) => sum + value, 0n) / BigInt(values.length);
  const known = byCalendarMonth.filter((values) => values.length > 0).map(mean);
  const fallback = known.length === 0 ? 0n : mean(known);
  return byCalendarMonth.map((values) => (values.length === 0 ? fallback : mean(values)));
}

export interface AssumedRenewal {
  /** each renewal lasts this many days */
  readonly lengthDays: number;
  /** days without cover between one waiver's last day and the renewal's first */
  readonly gapDays: number;
}

export const assumedRenewalsMax = 200;

/**
 * The waiver that ends last is renewed back to back (after `gapDays`) for the same channels until
 * `horizonEnd`: the "what if the waivers keep coming" calendar.
 */
export function withAssumedRenewals(
  waivers: readonly ForecastWaiver[],
  renewal: AssumedRenewal,
  horizonEnd: IsoDate,
): ForecastWaiver[] {
  if (
    !Number.isInteger(renewal.lengthDays) ||
    renewal.lengthDays < 1 ||
    !Number.isInteger(renewal.gapDays) ||
    renewal.gapDays < 0
  ) {
    throw new RangeError('a renewal lasts at least one day and follows after zero or more days');
  }
  const latest = [...waivers].sort((a, b) =>
    a.lastDayInForce < b.lastDayInForce ? 1 : a.lastDayInForce > b.lastDayInForce ? -1 : 0,
  )[0];
  if (!latest) return [...waivers];
  const result = [...waivers];
  let previousEnd = latest.lastDayInForce;
  while (previousEnd < horizonEnd) {
    if (result.length - waivers.length >= assumedRenewalsMax)
      throw new RangeError(`more than ${assumedRenewalsMax} assumed renewals`);
    const validFrom = addDays(previousEnd, renewal.gapDays + 1);
    const lastDayInForce = addDays(validFrom, renewal.lengthDays - 1);
    result.push({ validFrom, lastDayInForce, channelIds: latest.channelIds });
    previousEnd = lastDayInForce;
  }
  return result;
}
