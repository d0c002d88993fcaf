import { DomainError } from '../domain-error.js';

/** An exact decimal: value = mantissa × 10^-scale. Used for quantities, prices and rates. */
export interface Decimal {
  readonly mantissa: bigint;
  readonly scale: number;
}

export const decimalScaleMax = 18;
const decimalTextLengthMax = 64;
const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

export interface ParseDecimalOptions {
  field: string;
  scaleMax?: number;
  allowNegative?: boolean;
}

export function parseDecimal(text: unknown, options: ParseDecimalOptions): Decimal {
  const { field, scaleMax = decimalScaleMax, allowNegative = false } = options;
  if (typeof text !== 'string') {
    throw new DomainError(
      'amount.not_a_string',
      `${field}: expected a decimal string, got ${typeof text}`,
      { field },
    );
  }
  if (text.length > decimalTextLengthMax) {
    throw new DomainError(
      'amount.too_long',
      `${field}: more than ${decimalTextLengthMax} characters`,
      { field },
    );
  }
  const match = decimalPattern.exec(text);
  if (!match) {
    throw new DomainError(
      'amount.not_a_number',
      `${field}: "${text}" is not a decimal number (digits, optional "." and fraction)`,
      { field },
    );
  }
  const [, minus, whole = '', fraction = ''] = match;
  if (minus && !allowNegative) {
    throw new DomainError(
      'amount.negative',
      `${field}: a negative value is not allowed here ("${text}")`,
      { field },
    );
  }
  if (fraction.length > scaleMax) {
    throw new DomainError(
      'amount.too_precise',
      `${field}: "${text}" has ${fraction.length} decimals; at most ${scaleMax} allowed`,
      { field },
    );
  }
  const magnitude = BigInt(whole + fraction);
  return { mantissa: minus ? -magnitude : magnitude, scale: fraction.length };
}

export function formatDecimal(value: Decimal): string {
  const negative = value.mantissa < 0n;
  const digits = (negative ? -value.mantissa : value.mantissa)
    .toString()
    .padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${whole}${value.scale > 0 ? `.${fraction}` : ''}`;
}

/** Integer division rounding half to even (banker's rounding); the divisor must be positive. */
export function divideRoundHalfEven(numerator: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) throw new RangeError('divisor must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / divisor;
  const twiceRemainder = (magnitude % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n))
    quotient += 1n;
  return negative ? -quotient : quotient;
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}
