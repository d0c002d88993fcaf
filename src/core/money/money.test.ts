import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountMinorMax, formatAmountMinor, parseAmountMinor } from './amount.js';
import { divideRoundHalfEven, parseDecimal } from './decimal.js';
import { extendedAmountMinor } from './extended-amount.js';
import { DomainError } from '../domain-error.js';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseAmountMinor', () => {
  it('uses the currency exponent from the table', () => {
    expect(parseAmountMinor('1234.567', 'IQD', { field: 'amount' })).toBe(1_234_567n);
    expect(parseAmountMinor('12.5', 'USD', { field: 'amount' })).toBe(1_250n);
    expect(parseAmountMinor('7', 'EUR', { field: 'amount' })).toBe(700n);
  });

  it('rejects more decimals than the currency allows, naming the field', () => {
    const error = errorOf(() => parseAmountMinor('1.005', 'USD', { field: 'deposit.amount' }));
    expect(error.code).toBe('amount.too_precise');
    expect(error.field).toBe('deposit.amount');
    expect(error.message).toContain('deposit.amount');
    expect(errorOf(() => parseAmountMinor('1.0000', 'IQD', { field: 'x' })).code).toBe(
      'amount.too_precise',
    );
  });

  it('rejects signs, junk, floats-as-numbers and unknown currencies', () => {
    expect(errorOf(() => parseAmountMinor('-5', 'USD', { field: 'a' })).code).toBe(
      'amount.negative',
    );
    expect(errorOf(() => parseAmountMinor('+5', 'USD', { field: 'a' })).code).toBe(
      'amount.not_a_number',
    );
    expect(errorOf(() => parseAmountMinor('1e3', 'USD', { field: 'a' })).code).toBe(
      'amount.not_a_number',
    );
    expect(errorOf(() => parseAmountMinor('1,000', 'USD', { field: 'a' })).code).toBe(
      'amount.not_a_number',
    );
    expect(errorOf(() => parseAmountMinor(' 5', 'USD', { field: 'a' })).code).toBe(
      'amount.not_a_number',
    );
    expect(errorOf(() => parseAmountMinor(5, 'USD', { field: 'a' })).code).toBe(
      'amount.not_a_string',
    );
    expect(errorOf(() => parseAmountMinor('0', 'USD', { field: 'a', allowZero: false })).code).toBe(
      'amount.zero',
    );
    expect(errorOf(() => parseAmountMinor('5', 'XXX', { field: 'a' })).code).toBe(
      'currency.unknown',
    );
    expect(parseAmountMinor('-5.25', 'USD', { field: 'a', allowNegative: true })).toBe(-525n);
  });

  it('round-trips format and parse for any amount within the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -amountMinorMax, max: amountMinorMax }),
        fc.constantFrom('IQD', 'USD', 'KRW'),
        (amountMinor, currency) => {
          const text = formatAmountMinor(amountMinor, currency);
          expect(parseAmountMinor(text, currency, { field: 'a', allowNegative: true })).toBe(
            amountMinor,
          );
        },
      ),
    );
  });

  it('refuses any amount past the limit, either sign, with amount.too_large (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: amountMinorMax + 1n, max: 10n ** 30n }),
        fc.boolean(),
        fc.constantFrom('IQD', 'USD', 'KRW'),
        (magnitude, negative, currency) => {
          const text = formatAmountMinor(negative ? -magnitude : magnitude, currency);
          expect(() =>
            parseAmountMinor(text, currency, { field: 'a', allowNegative: true }),
          ).toThrow(expect.objectContaining({ code: 'amount.too_large' }));
        },
      ),
    );
  });
});

describe('divideRoundHalfEven', () => {
  it('rounds ties to even and everything else to nearest', () => {
    expect(divideRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divideRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divideRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideRoundHalfEven(10n, 3n)).toBe(3n);
    expect(divideRoundHalfEven(11n, 3n)).toBe(4n);
  });

  it('never differs from the exact quotient by more than half (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divideRoundHalfEven(n, d);
          const error = n - q * d; // exact remainder after rounding
          expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
        },
      ),
    );
  });
});

describe('extendedAmountMinor', () => {
  it('prices 1,234.567 MWh at 61.50 USD/MWh exactly, rounding once', () => {
    // 1234.567 × 61.50 = 75925.8705 → 75925.87 USD
    const amount = extendedAmountMinor({
      quantity: parseDecimal('1234.567', { field: 'q' }),
      unitPrice: parseDecimal('61.50', { field: 'p' }),
      currency: 'USD',
    });
    expect(amount).toBe(7_592_587n);
  });

  it('prices gas quoted per thousand cubic metres', () => {
    // 3,200,000 m³ at 235.125 USD per 1,000 m³ = 752,400.00 USD
    const amount = extendedAmountMinor({
      quantity: parseDecimal('3200000', { field: 'q' }),
      unitPrice: parseDecimal('235.125', { field: 'p' }),
      priceUnitQuantity: parseDecimal('1000', { field: 'per' }),
      currency: 'USD',
    });
    expect(amount).toBe(75_240_000n);
  });

  it('rounds a half-minor-unit tie to even', () => {
    // 0.5 × 0.01 = 0.005 USD → 0.00 ; 1.5 × 0.01 = 0.015 → 0.02
    const at = (q: string) =>
      extendedAmountMinor({
        quantity: parseDecimal(q, { field: 'q' }),
        unitPrice: parseDecimal('0.01', { field: 'p' }),
        currency: 'USD',
      });
    expect(at('0.5')).toBe(0n);
    expect(at('1.5')).toBe(2n);
    expect(at('2.5')).toBe(2n);
  });

  it('equals the exactly rounded rational product (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 6 }),
        (qM, qS, pM, pS) => {
          const amount = extendedAmountMinor({
            quantity: { mantissa: qM, scale: qS },
            unitPrice: { mantissa: pM, scale: pS },
            currency: 'IQD',
          });
          // compare with a direct computation at a larger common scale
          const exact = qM * pM * 1000n; // in 10^-(qS+pS) of minor units
          const scale = 10n ** BigInt(qS + pS);
          const lower = amount * scale - scale / 2n;
          const upper = amount * scale + scale / 2n;
          expect(exact >= lower && exact <= upper).toBe(true);
        },
      ),
    );
  });
});
