// Which reference price band applies to a goods line, and how its price compares. The HS code is
// walked up its hierarchy (subheading 6 digits → heading 4 → chapter 2) and the most specific
// level with a band in a unit of the same dimension wins; the unit is normalised through the units
// registry first. So "100190 wheat in tonnes" finds the 1001 (wheat) band quoted per tonne, and a
// price per kg is compared with a band per tonne after exact conversion. No band at any level is a
// blocking finding (see channel-rules.ts), never a silent pass.
import type { CurrencyCode } from '../money/currency.js';
import type { Decimal } from '../money/decimal.js';
import { pow10 } from '../money/decimal.js';
import { conversionFactor, rateBetween, type Quote } from './exchange-rate.js';
import type { GoodsRules, PriceBand } from './programme.js';
import { pricePerUnitFactor } from './units.js';

export const hsBandLevels = [6, 4, 2] as const;

export interface BandMatch {
  readonly band: PriceBand;
  /** the HS level the band was found at (6, 4 or 2 digits) */
  readonly level: number;
  /** price per line unit × numerator / denominator = price per band unit */
  readonly unitFactor: { readonly numerator: bigint; readonly denominator: bigint };
}

export function applicableBand(
  rules: GoodsRules,
  hsCode: string,
  unit: string,
): BandMatch | undefined {
  for (const level of hsBandLevels) {
    if (hsCode.length < level) continue;
    const prefix = hsCode.slice(0, level);
    for (const band of rules.priceBands) {
      if (band.hsCode !== prefix) continue;
      const unitFactor = pricePerUnitFactor(unit, band.unit);
      if (unitFactor) return { band, level, unitFactor };
    }
  }
  return undefined;
}

/**
 * Compare a unit price (request currency, per line unit) with a band limit (band currency, per band
 * unit), exactly: negative below, 0 equal, positive above. Throws rate.missing via the caller's
 * check when no reference rate links the currencies.
 */
export function comparePriceWithLimit(
  price: Decimal,
  priceCurrency: CurrencyCode,
  match: BandMatch,
  limit: Decimal,
  quotes: readonly Quote[],
): number | undefined {
  let fx = { numerator: 1n, denominator: 1n };
  if (priceCurrency !== match.band.currency) {
    const quote = rateBetween(quotes, priceCurrency, match.band.currency);
    if (!quote) return undefined;
    fx = conversionFactor(quote, priceCurrency, match.band.currency)!;
  }
  // price.m/10^ps × fx × unit  vs  limit.m/10^ls
  const left = price.mantissa * fx.numerator * match.unitFactor.numerator * pow10(limit.scale);
  const right = limit.mantissa * fx.denominator * match.unitFactor.denominator * pow10(price.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}
