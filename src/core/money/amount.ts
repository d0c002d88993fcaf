import { DomainError } from '../domain-error.js';
import { minorUnitExponent, type CurrencyCode } from './currency.js';
import { formatDecimal, parseDecimal } from './decimal.js';

/** Money is always an integer count of the currency's minor units, paired with its currency. */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
}

/** 10^16 minor units (10^14 USD): far above any payment, and a million of them still fit in int64. */
export const amountMinorMax = 10n ** 16n;

export interface ParseAmountOptions {
  field: string;
  allowNegative?: boolean;
  allowZero?: boolean;
}

/** Parse "1234.567" IQD into 1234567n minor units; more decimals than the currency has is an error, never rounding. */
export function parseAmountMinor(
  text: unknown,
  currency: CurrencyCode,
  options: ParseAmountOptions,
): bigint {
  const { field, allowNegative = false, allowZero = true } = options;
  const exponent = minorUnitExponent(currency, `${field}.currency`);
  let decimal;
  try {
    decimal = parseDecimal(text, { field, scaleMax: exponent, allowNegative });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'amount.too_precise') {
      throw new DomainError(
        'amount.too_precise',
        `${field}: "${String(text)}" has more decimals than ${currency} allows (${exponent})`,
        { field },
      );
    }
    throw error;
  }
  const amountMinor = decimal.mantissa * 10n ** BigInt(exponent - decimal.scale);
  // Both stores keep money in signed 64-bit columns and sum it: refuse here, not as a SQL error.
  if (amountMinor > amountMinorMax || amountMinor < -amountMinorMax) {
    throw new DomainError(
      'amount.too_large',
      `${field}: "${String(text)}" is larger than the largest amount accepted (${formatAmountMinor(amountMinorMax, currency)} ${currency})`,
      { field },
    );
  }
  if (!allowZero && amountMinor === 0n) {
    throw new DomainError('amount.zero', `${field}: must be greater than zero`, { field });
  }
  return amountMinor;
}

export function formatAmountMinor(amountMinor: bigint, currency: CurrencyCode): string {
  return formatDecimal({ mantissa: amountMinor, scale: minorUnitExponent(currency) });
}

export function formatMoney(money: Money): string {
  return `${formatAmountMinor(money.amountMinor, money.currency)} ${money.currency}`;
}
