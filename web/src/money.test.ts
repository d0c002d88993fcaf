import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToMinor, formatAmount as format, minorToDecimal, minorUnitDigits } from './money';

/** Intl separates with no-break spaces; the tests compare the visible text */
const formatAmount = (minor: string, currency: string, locale: string) =>
  format(minor, currency, locale).replace(/[\u00a0\u202f]/g, ' ');

describe('amounts from minor units', () => {
  it("uses the currency's own decimals from the server's table", () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('IQD')).toBe(3);
    expect(formatAmount('90000000', 'USD', 'en')).toBe('$900,000.00');
    expect(formatAmount('182500000000', 'IQD', 'en')).toBe('IQD 182,500,000.000');
    expect(formatAmount('65000000', 'CHF', 'de-CH')).toBe("CHF 650'000.00");
    expect(formatAmount('-5', 'IQD', 'en')).toBe('-IQD 0.005');
  });

  it('formats per locale, with Arabic-Indic digits where the locale asks for them', () => {
    expect(formatAmount('123456', 'USD', 'ar-u-nu-arab')).toBe('‏١٬٢٣٤٫٥٦ US$');
    expect(formatAmount('123456', 'EUR', 'fr')).toBe('1 234,56 €');
  });

  it('never goes through a float: 21 significant digits come out exactly', () => {
    expect(formatAmount('123456789012345678901', 'USD', 'en')).toBe(
      '$1,234,567,890,123,456,789.01',
    );
    expect(Number('1234567890123456789.01').toFixed(2)).not.toBe('1234567890123456789.01');
  });

  it('round-trips any amount between minor units and the decimal a person types', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.constantFrom(0, 2, 3),
        (minor, digits) => {
          expect(decimalToMinor(minorToDecimal(minor.toString(), digits), digits)).toBe(
            minor.toString(),
          );
        },
      ),
    );
  });

  it('refuses more decimals than the currency has, and anything that is not a plain decimal', () => {
    expect(decimalToMinor('900000.005', 2)).toBeUndefined();
    expect(decimalToMinor('1,000.00', 2)).toBeUndefined();
    expect(decimalToMinor('1e6', 2)).toBeUndefined();
    expect(decimalToMinor('12.5', 3)).toBe('12500');
    expect(decimalToMinor('7', 0)).toBe('7');
  });
});
