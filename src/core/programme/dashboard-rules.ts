// Small pure rules behind the dashboard: the months a chart covers and how urgent a waiver's
// remaining days are, against the programme's own warning thresholds (30/14/7 in the reference).
import { addDays, type IsoDate } from './calendar-date.js';

export interface CalendarMonth {
  /** "2021-05" */
  readonly month: string;
  readonly first: IsoDate;
  readonly last: IsoDate;
}

export function monthOf(date: IsoDate): CalendarMonth {
  const month = date.slice(0, 7);
  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  const next =
    monthNo === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNo + 1).padStart(2, '0')}-01`;
  return { month, first: `${month}-01` as IsoDate, last: addDays(next as IsoDate, -1) };
}

/** The calendar months from `from`'s to `to`'s, oldest first, the latest `monthsMax` of them. */
export function monthsBetween(from: IsoDate, to: IsoDate, monthsMax: number): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  if (from > to) return months;
  for (let month = monthOf(from); month.first <= to; month = monthOf(addDays(month.last, 1)))
    months.push(month);
  return months.slice(-monthsMax);
}

export type WaiverUrgency = 'none' | 'lapsed' | `within-${number}`;

/** 'within-7' when 7 or fewer days remain and 7 is a threshold; the tightest threshold reached wins. */
export function waiverUrgency(
  daysRemaining: number | undefined,
  thresholdsDays: readonly number[],
): WaiverUrgency {
  if (daysRemaining === undefined || daysRemaining < 0) return 'lapsed';
  const reached = [...thresholdsDays]
    .sort((a, b) => a - b)
    .find((threshold) => daysRemaining <= threshold);
  return reached === undefined ? 'none' : `within-${reached}`;
}
