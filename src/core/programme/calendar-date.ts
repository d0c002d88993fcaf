import { DomainError } from '../domain-error.js';

/**
 * A calendar day as "YYYY-MM-DD". Waivers, tariffs and delivery periods are agreed in whole days,
 * not instants, so they are kept as dates; string order equals chronological order.
 */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const match = isoDatePattern.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // Round-trip rejects 2021-02-30 and friends, which Date would silently roll over.
  return date.toISOString().slice(0, 10) === text;
}

export function parseIsoDate(text: unknown, field: string): IsoDate {
  if (!isIsoDate(text)) {
    throw new DomainError(
      'date.invalid',
      `${field}: "${String(text)}" is not a calendar date (YYYY-MM-DD)`,
      { field },
    );
  }
  return text;
}

function dayNumber(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / msPerDay;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days in the inclusive window [from, until]: a window from 1 March to 1 March lasts 1 day. */
export function inclusiveDays(from: IsoDate, until: IsoDate): number {
  return daysBetween(from, until) + 1;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * msPerDay).toISOString().slice(0, 10);
}

/**
 * The calendar day at instant `now` in the programme's time zone. A waiver that ends on
 * 28 June ends at midnight in Baghdad, not at midnight UTC (three hours later).
 */
export function calendarDateAt(now: Date, timeZone: string): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid instant');
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Zones already asked about: building a DateTimeFormat to ask costs ~5% of a small API read. */
const knownTimeZones = new Map<string, boolean>();
const knownTimeZonesMax = 1_000;

export function isKnownTimeZone(timeZone: string): boolean {
  const known = knownTimeZones.get(timeZone);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    answer = true;
  } catch {
    answer = false;
  }
  if (knownTimeZones.size < knownTimeZonesMax) knownTimeZones.set(timeZone, answer);
  return answer;
}
