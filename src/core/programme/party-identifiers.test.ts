import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ibanCheckDigits,
  ibanProblem,
  isValidBic,
  isValidIban,
  isValidLei,
} from './party-identifiers.js';
import { calendarDateAt, inclusiveDays, isIsoDate } from './calendar-date.js';
import { compareConvertedDecimal, convertAmountMinor } from './exchange-rate.js';

describe('IBAN', () => {
  it('accepts published examples and rejects a changed digit, wrong length or unknown country', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(ibanProblem('DE89370400440532013001')).toBe('check-digits');
    expect(ibanProblem('DE8937040044053201300')).toBe('length');
    expect(ibanProblem('XX89370400440532013000')).toBe('country');
    expect(ibanProblem('de89370400440532013000')).toBe('shape');
    expect(ibanProblem('DE89 3704 0044 0532 0130 00')).toBe('shape');
  });

  it('detects every single-digit substitution (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{18}$/),
        fc.nat({ max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (bban, position, delta) => {
          const iban = `DE${ibanCheckDigits('DE', bban)}${bban}`;
          expect(isValidIban(iban)).toBe(true);
          const digit = (Number(bban[position]) + delta) % 10;
          const tampered = `DE${ibanCheckDigits('DE', bban)}${bban.slice(0, position)}${digit}${bban.slice(position + 1)}`;
          expect(isValidIban(tampered)).toBe(false);
        },
      ),
    );
  });
});

describe('BIC and LEI', () => {
  it('checks the BIC shape', () => {
    expect(isValidBic('TRIQIQBA')).toBe(true);
    expect(isValidBic('UBSWCHZH80A')).toBe(true);
    expect(isValidBic('TRIQIQB')).toBe(false);
    expect(isValidBic('TRIQIQBA1')).toBe(false);
    expect(isValidBic('TR1QIQBA')).toBe(false);
    expect(isValidBic('triqiqba')).toBe(false);
  });

  it('checks LEI check digits', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R12')).toBe(true);
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
  });
});

describe('calendar dates', () => {
  it('rejects impossible dates and counts inclusive windows', () => {
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-2-28')).toBe(false);
    expect(inclusiveDays('2021-03-26', '2021-07-23')).toBe(120);
    expect(inclusiveDays('2021-03-01', '2021-03-01')).toBe(1);
  });

  it('reads the day in the programme time zone, not UTC', () => {
    expect(calendarDateAt(new Date('2021-07-23T20:59:59Z'), 'Asia/Baghdad')).toBe('2021-07-23');
    expect(calendarDateAt(new Date('2021-07-23T21:00:00Z'), 'Asia/Baghdad')).toBe('2021-07-24');
    expect(calendarDateAt(new Date('2021-07-23T21:00:00Z'), 'UTC')).toBe('2021-07-23');
  });
});

describe('currency conversion', () => {
  const usdIqd = { base: 'USD', quote: 'IQD', rate: { mantissa: 1460n, scale: 0 } };
  it('converts both ways with one half-even rounding', () => {
    expect(convertAmountMinor(100n, 'USD', 'IQD', usdIqd)).toBe(1_460_000n);
    expect(convertAmountMinor(1_460_000n, 'IQD', 'USD', usdIqd)).toBe(100n);
    expect(convertAmountMinor(21_900n, 'IQD', 'USD', usdIqd)).toBe(2n);
    expect(convertAmountMinor(36_500n, 'IQD', 'USD', usdIqd)).toBe(2n); // 0.025 → 0.02
    expect(() => convertAmountMinor(1n, 'EUR', 'USD', usdIqd)).toThrow(/cannot convert EUR to USD/);
  });

  it('compares prices across currencies without rounding', () => {
    const eurUsd = [{ base: 'EUR', quote: 'USD', rate: { mantissa: 11725n, scale: 4 } }];
    // 400 USD = 341.1513859... EUR
    expect(
      compareConvertedDecimal(
        { mantissa: 34115n, scale: 2 },
        'EUR',
        { mantissa: 400n, scale: 0 },
        'USD',
        eurUsd,
      ),
    ).toBe(-1);
    expect(
      compareConvertedDecimal(
        { mantissa: 34116n, scale: 2 },
        'EUR',
        { mantissa: 400n, scale: 0 },
        'USD',
        eurUsd,
      ),
    ).toBe(1);
    expect(
      compareConvertedDecimal(
        { mantissa: 400n, scale: 0 },
        'USD',
        { mantissa: 40000n, scale: 2 },
        'USD',
        [],
      ),
    ).toBe(0);
  });
});
