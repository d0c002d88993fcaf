// Currency conversion, exact: the amount is multiplied by the rate as a rational number and
// rounded half-to-even once, to the target currency's minor unit. The rate and its source travel
// with every converted figure so that an auditor can redo the sum.
import { DomainError } from '../domain-error.js';
import { minorUnitExponent, type CurrencyCode } from '../money/currency.js';
import { divideRoundHalfEven, pow10, type Decimal } from '../money/decimal.js';
import type { RateQuote } from './programme.js';

/** A rate as quoted: 1 `base` = `rate` `quote` (e.g. 1 USD = 1460 IQD). */
export interface Quote {
  readonly base: CurrencyCode;
  readonly quote: CurrencyCode;
  readonly rate: Decimal;
}

/** Exact multiplier from one currency's major unit to another's: numerator / denominator. */
export interface ConversionFactor {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** The factor that turns `from` into `to` with this quote, in either direction; undefined if the quote does not link them. */
export function conversionFactor(
  quote: Quote,
  from: CurrencyCode,
  to: CurrencyCode,
): ConversionFactor | undefined {
  if (quote.rate.mantissa <= 0n) throw new RangeError('a rate must be positive');
  if (quote.base === from && quote.quote === to)
    return { numerator: quote.rate.mantissa, denominator: pow10(quote.rate.scale) };
  if (quote.base === to && quote.quote === from)
    return { numerator: pow10(quote.rate.scale), denominator: quote.rate.mantissa };
  return undefined;
}

/** The first direct quote between two currencies (either direction); no triangulation, which would hide a second rounding source. */
export function rateBetween<Q extends Quote>(
  quotes: readonly Q[],
  from: CurrencyCode,
  to: CurrencyCode,
): Q | undefined {
  return quotes.find((quote) => conversionFactor(quote, from, to) !== undefined);
}

export function convertAmountMinor(
  amountMinor: bigint,
  from: CurrencyCode,
  to: CurrencyCode,
  quote: Quote,
): bigint {
  if (from === to) return amountMinor;
  const factor = conversionFactor(quote, from, to);
  if (!factor)
    throw new DomainError(
      'rate.wrong_pair',
      `rate ${quote.base}/${quote.quote} cannot convert ${from} to ${to}`,
      { field: 'rate' },
    );
  // to_minor = from_minor / 10^eFrom × factor × 10^eTo, rounded once.
  const exponentFrom = minorUnitExponent(from);
  const exponentTo = minorUnitExponent(to);
  return divideRoundHalfEven(
    amountMinor * factor.numerator * pow10(exponentTo),
    factor.denominator * pow10(exponentFrom),
  );
}

/**
 * Amount in the target currency using the programme's reference rates. Used for caps and approval
 * tiers, which are set in one currency so payments in different currencies are comparable.
 */
export function referenceEquivalentMinor(
  referenceRates: readonly RateQuote[],
  amountMinor: bigint,
  from: CurrencyCode,
  to: CurrencyCode,
): bigint {
  if (from === to) return amountMinor;
  const quote = rateBetween(referenceRates, from, to);
  if (!quote) {
    throw new DomainError(
      'rate.missing',
      `no reference rate between ${from} and ${to} in the programme`,
      { field: 'currency', details: { from, to } },
    );
  }
  return convertAmountMinor(amountMinor, from, to, quote);
}

/**
 * Compare a unit price in one currency with a limit in another, exactly (no rounding at all):
 * negative when the price is below the limit, 0 when equal, positive when above.
 */
export function compareConvertedDecimal(
  value: Decimal,
  valueCurrency: CurrencyCode,
  limit: Decimal,
  limitCurrency: CurrencyCode,
  quotes: readonly Quote[],
): number {
  let factor: ConversionFactor = { numerator: 1n, denominator: 1n };
  if (valueCurrency !== limitCurrency) {
    const quote = rateBetween(quotes, valueCurrency, limitCurrency);
    if (!quote)
      throw new DomainError(
        'rate.missing',
        `no reference rate between ${valueCurrency} and ${limitCurrency} in the programme`,
        { field: 'currency' },
      );
    factor = conversionFactor(quote, valueCurrency, limitCurrency)!;
  }
  // value.m/10^vs × num/den  vs  limit.m/10^ls   ⇔   value.m × num × 10^ls  vs  limit.m × den × 10^vs
  const left = value.mantissa * factor.numerator * pow10(limit.scale);
  const right = limit.mantissa * factor.denominator * pow10(value.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}
