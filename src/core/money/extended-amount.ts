import { minorUnitExponent, type CurrencyCode } from './currency.js';
import { divideRoundHalfEven, pow10, type Decimal } from './decimal.js';

export interface ExtendedAmountInput {
  /** e.g. 1234.567 (MWh) or 3200000 (m³) */
  quantity: Decimal;
  /** price per `priceUnitQuantity` units of quantity, in major units of `currency`, e.g. 61.50 USD */
  unitPrice: Decimal;
  /** how many quantity units the price is quoted for: 1 for USD/MWh, 1000 for a price per thousand m³ */
  priceUnitQuantity?: Decimal;
  currency: CurrencyCode;
}

/**
 * quantity × unitPrice ÷ priceUnitQuantity, computed exactly as a rational number and rounded
 * half-to-even once, at the end, to the currency's minor unit. Rounding intermediate steps would
 * let invoice lines drift from the tariff by a minor unit per line.
 */
export function extendedAmountMinor(input: ExtendedAmountInput): bigint {
  const per = input.priceUnitQuantity ?? { mantissa: 1n, scale: 0 };
  if (per.mantissa <= 0n) throw new RangeError('priceUnitQuantity must be positive');
  const exponent = minorUnitExponent(input.currency);
  // value = qM·pM·10^-(qS+pS) / (perM·10^-perS) ; in minor units multiply by 10^exponent.
  const scaleOut = input.quantity.scale + input.unitPrice.scale - per.scale - exponent;
  let top = input.quantity.mantissa * input.unitPrice.mantissa;
  let bottom = per.mantissa;
  if (scaleOut >= 0) bottom *= pow10(scaleOut);
  else top *= pow10(-scaleOut);
  return divideRoundHalfEven(top, bottom);
}
