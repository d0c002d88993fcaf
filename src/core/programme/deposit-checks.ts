// Checks on a deposit that need the day it is recorded and the programme's reference rates: it
// cannot be received in the future, and a conversion rate must lie within the programme's
// tolerance of a reference rate for the same pair that is not older than the allowed age (an IQD
// deposit at 14.60 instead of 1460 would credit a hundred times too much). Pure.
import { pow10 } from '../money/decimal.js';
import { daysBetween, type IsoDate } from './calendar-date.js';
import type { Deposit } from './deposit.js';
import { conversionFactor, rateBetween } from './exchange-rate.js';
import type { Programme } from './programme.js';

export interface DepositProblem {
  readonly code: string;
  readonly column: string;
  readonly reason: string;
}

export function depositProblems(
  programme: Programme,
  deposit: Deposit,
  today: IsoDate,
): DepositProblem[] {
  const problems: DepositProblem[] = [];
  if (deposit.receivedOn > today)
    problems.push({
      code: 'deposit.received_in_future',
      column: 'received_on',
      reason: `${deposit.receivedOn} is after today (${today})`,
    });
  const conversion = deposit.conversion;
  if (!conversion) return problems;
  const reference = rateBetween(programme.referenceRates, conversion.base, conversion.quote);
  if (!reference) {
    problems.push({
      code: 'deposit.reference_rate_missing',
      column: 'rate',
      reason: `the programme has no reference rate between ${conversion.base} and ${conversion.quote} to check the rate against`,
    });
    return problems;
  }
  const ageDays = daysBetween(reference.asOf, deposit.receivedOn);
  if (ageDays > programme.controls.referenceRateAgeDaysMax) {
    problems.push({
      code: 'deposit.reference_rate_stale',
      column: 'rate',
      reason: `the reference rate ${reference.base}/${reference.quote} of ${reference.asOf} is ${ageDays} days old on ${deposit.receivedOn}; at most ${programme.controls.referenceRateAgeDaysMax} allowed`,
    });
  }
  // reference as base→quote = n/d; deposit rate r = rm/10^rs; tolerance t = tm/10^ts percent:
  // |r − n/d| ≤ t/100 × n/d  ⇔  |rm·d − n·10^rs| · 100 · 10^ts ≤ tm · n · 10^rs
  const factor = conversionFactor(reference, conversion.base, conversion.quote)!;
  const rate = conversion.rate;
  const tolerance = programme.controls.rateTolerancePercent;
  const difference = rate.mantissa * factor.denominator - factor.numerator * pow10(rate.scale);
  const left = (difference < 0n ? -difference : difference) * 100n * pow10(tolerance.scale);
  const right = tolerance.mantissa * factor.numerator * pow10(rate.scale);
  if (left > right) {
    problems.push({
      code: 'deposit.rate_out_of_tolerance',
      column: 'rate',
      reason: `rate 1 ${conversion.base} = ${formatRate(rate)} ${conversion.quote} is more than ${formatRate(tolerance)}% from the reference rate ${formatRate(reference.rate)} (${reference.base}/${reference.quote}, ${reference.source})`,
    });
  }
  return problems;
}

function formatRate(value: { mantissa: bigint; scale: number }): string {
  const digits = value.mantissa.toString().padStart(value.scale + 1, '0');
  return value.scale === 0
    ? digits
    : `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
}
