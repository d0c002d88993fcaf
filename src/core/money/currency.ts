import currencyTable from './currencies.json' with { type: 'json' };
import { DomainError } from '../domain-error.js';

export type CurrencyCode = string;

const minorUnitExponents: Readonly<Record<string, number>> = currencyTable.minorUnitExponents;

export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(minorUnitExponents, code);
}

export function minorUnitExponent(currency: CurrencyCode, field = 'currency'): number {
  const exponent = minorUnitExponents[currency];
  if (exponent === undefined) {
    throw new DomainError('currency.unknown', `${field}: unknown currency "${currency}"`, {
      field,
    });
  }
  return exponent;
}

export function knownCurrencies(): string[] {
  return Object.keys(minorUnitExponents).sort();
}
