// Programme-set limits of the money rules (issue 8), held as data in the programme file's
// "controls" block. Defaults apply when a file has none, so older files still load.
import type { Decimal } from '../money/decimal.js';

export interface ProgrammeControls {
  /** a value date may be at most this many days before today (programme time zone) */
  readonly valueDateBackDaysMax: number;
  /** payments to one payee, or against one document, within this many days add up for tiers and caps */
  readonly aggregationWindowDays: number;
  /** a deposit rate further than this from the reference rate (percent of it) is refused */
  readonly rateTolerancePercent: Decimal;
  /** a reference rate older than this many days cannot vouch for a deposit rate */
  readonly referenceRateAgeDaysMax: number;
}

export const defaultControls: ProgrammeControls = {
  valueDateBackDaysMax: 5,
  aggregationWindowDays: 30,
  rateTolerancePercent: { mantissa: 2n, scale: 0 },
  referenceRateAgeDaysMax: 3660,
};

export const controlLimits = { daysMax: 3_660 } as const;
