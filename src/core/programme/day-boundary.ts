// Business days are dates in the programme's time zone; the ledger keeps instants. A statement
// "to 30 June" means up to midnight in Baghdad, not in UTC.
import { addDays, calendarDateAt, isIsoDate, type IsoDate } from './calendar-date.js';

const usPerMs = 1000n;

function wallClockOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The first instant (µs) of `date` in `timeZone`. */
export function startOfDayUs(date: IsoDate, timeZone: string): bigint {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const midnightUtcMs = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the offset even when it changes near midnight (daylight saving).
  let guessMs = midnightUtcMs - wallClockOffsetMs(midnightUtcMs, timeZone);
  guessMs = midnightUtcMs - wallClockOffsetMs(guessMs, timeZone);
  return BigInt(guessMs) * usPerMs;
}

/** The last microsecond of `date` in `timeZone`. */
export function endOfDayUs(date: IsoDate, timeZone: string): bigint {
  return startOfDayUs(addDays(date, 1), timeZone) - 1n;
}

export function dateOfInstantUs(instantUs: bigint, timeZone: string): IsoDate {
  return calendarDateAt(new Date(Number(instantUs / usPerMs)), timeZone);
}

export function dateFromInstantUs(instantUs: bigint): Date {
  return new Date(Number(instantUs / usPerMs));
}
