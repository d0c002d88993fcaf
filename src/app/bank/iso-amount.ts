// ISO 20022 amounts are decimals with the currency's own number of minor digits (USD 2, IQD 3,
// JPY 0). Money inside Qanat is a bigint count of minor units; these two functions are the only
// crossing between the two, and both refuse anything that would lose or invent a digit.
import { DomainError } from '../../core/domain-error.js';
import { minorUnitExponent } from '../../core/money/currency.js';

/** ISO's ActiveOrHistoricCurrencyAndAmount: totalDigits 18 */
export const isoAmountDigitsMax = 18;

export function isoAmountFromMinor(amountMinor: bigint, currency: string): string {
  if (amountMinor < 0n)
    throw new DomainError(
      'bank.amount_negative',
      `an instructed amount cannot be negative (${amountMinor})`,
      { field: 'amount' },
    );
  const exponent = minorUnitExponent(currency);
  const digits = amountMinor.toString().padStart(exponent + 1, '0');
  if (digits.length > isoAmountDigitsMax)
    throw new DomainError(
      'bank.amount_too_large',
      `${currency} ${amountMinor} minor units has more than ${isoAmountDigitsMax} digits`,
      { field: 'amount' },
    );
  return exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const isoAmountPattern = /^(\d{1,18})(?:\.(\d{1,5}))?$/;

/** A bank's amount back into minor units: more decimals than the currency has (even zeros beyond it are fine) is refused. */
export function minorFromIsoAmount(text: string, currency: string, field: string): bigint {
  const match = isoAmountPattern.exec(text.trim());
  if (!match)
    throw new DomainError('bank.amount_invalid', `${field}: "${text}" is not an ISO 20022 amount`, {
      field,
    });
  const exponent = minorUnitExponent(currency, field);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent)
    throw new DomainError(
      'bank.amount_precision',
      `${field}: "${text}" has more decimals than ${currency} allows (${exponent})`,
      { field },
    );
  return (
    BigInt(match[1] ?? '0') * 10n ** BigInt(exponent) +
    BigInt(fraction.padEnd(exponent, '0') || '0')
  );
}

/** CtrlSum adds amounts of every currency in the file as plain decimals (ISO's definition). */
export function controlSum(amounts: readonly { amountMinor: bigint; currency: string }[]): string {
  const scale = Math.max(0, ...amounts.map((entry) => minorUnitExponent(entry.currency)));
  const total = amounts.reduce(
    (sum, entry) =>
      sum + entry.amountMinor * 10n ** BigInt(scale - minorUnitExponent(entry.currency)),
    0n,
  );
  const digits = total.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
