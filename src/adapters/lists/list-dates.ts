// Dates as sanctions lists print them ("11 Mar 1957", "Mar 1957", "1957", "circa 1958",
// "1956 to 1958") turned into the partial ISO strings ListEntry carries (YYYY, YYYY-MM, YYYY-MM-DD).
// Imprecision is kept as imprecision: a bare year never becomes 1 January.
import { birthYearRangeSpanMax } from './list-limits.js';

const monthNumberByAbbreviation: Readonly<Record<string, string>> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

const dayMonthYear = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/;
const monthYear = /^([A-Za-z]{3})[a-z]* (\d{4})$/;
const yearOnly = /^(\d{4})$/;
const isoDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** One printed date → partial ISO date, or null if it is not a date we recognise. */
export function parseListedDate(printed: string): string | null {
  const text = printed.trim().replace(/\.$/, '');
  let match = dayMonthYear.exec(text);
  if (match) {
    const month = monthNumberByAbbreviation[match[2]!.toLowerCase()];
    return month === undefined
      ? null
      : checked(`${match[3]}-${month}-${match[1]!.padStart(2, '0')}`);
  }
  match = monthYear.exec(text);
  if (match) {
    const month = monthNumberByAbbreviation[match[1]!.toLowerCase()];
    return month === undefined ? null : `${match[2]}-${month}`;
  }
  match = yearOnly.exec(text);
  if (match) return match[1]!;
  match = isoDate.exec(text);
  if (match) return checked(text);
  return null;
}

/**
 * A printed birth date that may be approximate or a range. Ranges become every year they span
 * (so a query with any year in the range finds support), unless the span is implausibly wide,
 * in which case only the two ends are kept.
 */
export function parseListedBirthDate(printed: string): string[] {
  const text = printed
    .trim()
    .replace(/\.$/, '')
    .replace(/^(circa|approximately|approx\.?|about)\s+/i, '');
  // "1956 to 1958", "01 Jan 1961 - 31 Dec 1963", and the unspaced "1956-1958" (not an ISO date).
  const range = /^(.+?)\s+(?:to|-)\s+(.+)$/.exec(text) ?? /^(\d{4})-(\d{4})$/.exec(text);
  if (range) {
    const from = parseListedDate(range[1]!);
    const to = parseListedDate(range[2]!);
    if (from === null || to === null) return [];
    return expandYearRange(from, to);
  }
  const single = parseListedDate(text);
  return single === null ? [] : [single];
}

export function expandYearRange(from: string, to: string): string[] {
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  if (fromYear === toYear) return [String(fromYear)];
  if (toYear < fromYear || toYear - fromYear > birthYearRangeSpanMax) return [from, to];
  const years: string[] = [];
  for (let year = fromYear; year <= toYear; year += 1) years.push(String(year));
  return years;
}

/** Rejects impossible calendar dates (31 Feb) rather than passing them to the matcher. */
function checked(iso: string): string | null {
  if (iso.length < 10) return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}
