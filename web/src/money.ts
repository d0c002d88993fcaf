// Amounts arrive as bigint minor units in decimal strings. They are turned into an exact decimal
// string by digit shifting (never a float) and formatted by Intl with the currency's own number of
// decimals, from the same table the server uses (src/core/money/currencies.json).
import currencyTable from '../../src/core/money/currencies.json';

const exponents: Readonly<Record<string, number>> = currencyTable.minorUnitExponents;

export function minorUnitDigits(currency: string): number {
  const digits = exponents[currency];
  if (digits === undefined) throw new Error(`unknown currency ${currency}`);
  return digits;
}

/** "123456" with 2 digits → "1234.56"; "-5" with 3 → "-0.005". Exact: string arithmetic on digits. */
export function minorToDecimal(minor: string, digits: number): string {
  if (!/^-?\d+$/.test(minor)) throw new Error(`not an amount in minor units: ${minor}`);
  const negative = minor.startsWith('-');
  const magnitude = BigInt(negative ? minor.slice(1) : minor).toString();
  if (digits === 0) return `${negative ? '-' : ''}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** A decimal the user typed ("1,234.5" is refused: the form asks for digits and one dot) → minor units. */
export function decimalToMinor(decimal: string, digits: number): string | undefined {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  return (
    BigInt(match[1]!) * 10n ** BigInt(digits) +
    BigInt(fraction.padEnd(digits, '0') || '0')
  ).toString();
}

export function formatAmount(minor: string, currency: string, locale: string): string {
  const digits = minorUnitDigits(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl formats a decimal string exactly (no conversion to a double on the way)
  return format.format(minorToDecimal(minor, digits) as unknown as number);
}

/** For charts only (an axis needs numbers); never used for a figure a person reads as money. */
export function minorToChartNumber(minor: string, currency: string): number {
  return Number(minorToDecimal(minor, minorUnitDigits(currency)));
}
