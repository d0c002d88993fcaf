import { describe, expect, it } from 'vitest';
import { expandYearRange, parseListedBirthDate, parseListedDate } from './list-dates.js';
import { birthYearRangeSpanMax } from './list-limits.js';

describe('parseListedDate', () => {
  it.each([
    ['11 Mar 1957', '1957-03-11'],
    ['1 Jan 1961', '1961-01-01'],
    ['Dec 1948', '1948-12'],
    ['1962', '1962'],
    ['1937-04-28', '1937-04-28'],
    ['08 Aug 1957.', '1957-08-08'],
  ])('%s → %s', (printed, iso) => expect(parseListedDate(printed)).toBe(iso));

  it.each(['31 Feb 1960', '12 Foo 1960', 'unknown', '', '1960-13-01'])('refuses %j', (printed) => {
    expect(parseListedDate(printed)).toBeNull();
  });
});

describe('parseListedBirthDate', () => {
  it('keeps circa dates at their precision', () =>
    expect(parseListedBirthDate('circa 1958')).toEqual(['1958']));
  it('expands a year range year by year', () =>
    expect(parseListedBirthDate('1956 to 1958')).toEqual(['1956', '1957', '1958']));
  it('reads an unspaced circa year range (as in the real SDN remarks)', () =>
    expect(parseListedBirthDate('circa 1975-1976')).toEqual(['1975', '1976']));
  it('expands a full-date range to its years', () => {
    expect(parseListedBirthDate('01 Jan 1961 to 31 Dec 1963')).toEqual(['1961', '1962', '1963']);
  });
  it('keeps only the ends of an implausibly wide range', () => {
    expect(expandYearRange('1900', String(1900 + birthYearRangeSpanMax + 1))).toEqual([
      '1900',
      String(1900 + birthYearRangeSpanMax + 1),
    ]);
    expect(expandYearRange('1900', String(1900 + birthYearRangeSpanMax))).toHaveLength(
      birthYearRangeSpanMax + 1,
    );
  });
  it('gives nothing for text that is not a date', () =>
    expect(parseListedBirthDate('unknown')).toEqual([]));
});
