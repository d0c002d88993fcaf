// A value date is when the bank is to pay. It must lie within the waiver that covers the payment
// (a payment dated after the lapse is not licensed by it) and may be at most a programme-set number
// of days in the past: back-dating was how a 2021 "value date" slipped into this month's money.
// Caps no longer follow the value date at all (see capPeriodKey: the reservation date counts).
import { addDays, type IsoDate } from './calendar-date.js';
import type { Finding } from './finding.js';
import type { Programme } from './programme.js';
import { lastDayInForce, type Waiver } from './waiver.js';

export function valueDateFindings(
  programme: Programme,
  waiver: Waiver | undefined,
  valueDate: IsoDate,
  today: IsoDate,
): Finding[] {
  const findings: Finding[] = [];
  const earliest = addDays(today, -programme.controls.valueDateBackDaysMax);
  if (valueDate < earliest) {
    findings.push({
      code: 'request.value_date_too_early',
      field: 'valueDate',
      severity: 'violation',
      message: `value date ${valueDate} is more than ${programme.controls.valueDateBackDaysMax} days before today (${today}); the earliest allowed is ${earliest}`,
    });
  }
  if (waiver && (valueDate < waiver.validFrom || valueDate > lastDayInForce(waiver))) {
    findings.push({
      code: 'request.value_date_outside_waiver',
      field: 'valueDate',
      severity: 'violation',
      message: `value date ${valueDate} lies outside waiver ${waiver.waiverId} (${waiver.validFrom} to ${lastDayInForce(waiver)})`,
    });
  }
  return findings;
}
