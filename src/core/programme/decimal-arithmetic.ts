// Exact operations on Decimal that src/core/money does not need but quantities do: no rounding anywhere.
import type { Decimal } from '../money/decimal.js';

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { mantissa: a.mantissa * b.mantissa, scale: a.scale + b.scale };
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return {
    mantissa:
      a.mantissa * 10n ** BigInt(scale - a.scale) + b.mantissa * 10n ** BigInt(scale - b.scale),
    scale,
  };
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.mantissa * 10n ** BigInt(scale - a.scale);
  const right = b.mantissa * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Drop trailing zeros so equal values print alike ("1500.000" → "1500"). */
export function normalizeDecimal(value: Decimal): Decimal {
  let { mantissa, scale } = value;
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale -= 1;
  }
  return { mantissa, scale };
}

export const zeroDecimal: Decimal = { mantissa: 0n, scale: 0 };
