// Money in: the debtor pays into the restricted account, in IQD or another currency. When the
// deposit is not in the settlement currency, it is converted once, exactly, and the rate and its
// source are kept with it so the conversion can be redone by an auditor.
import { DomainError } from '../domain-error.js';
import { isKnownCurrency, type CurrencyCode } from '../money/currency.js';
import type { Decimal } from '../money/decimal.js';
import type { IsoDate } from './calendar-date.js';
import { conversionFactor, convertAmountMinor } from './exchange-rate.js';
import { findParty, type Programme } from './programme.js';

export interface DepositConversion {
  readonly base: CurrencyCode;
  readonly quote: CurrencyCode;
  /** 1 base = rate quote */
  readonly rate: Decimal;
  /** e.g. "CBI official rate, bulletin 2021-05-02" or "TBI dealing desk ticket 5521" */
  readonly source: string;
}

export interface DepositInput {
  readonly depositId: string;
  readonly depositorPartyId: string;
  readonly receivedOn: IsoDate;
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
  readonly conversion?: DepositConversion;
}

export interface Deposit extends DepositInput {
  /** the amount credited to the escrow, in the settlement currency */
  readonly escrowAmountMinor: bigint;
  readonly escrowCurrency: CurrencyCode;
}

export function recordDeposit(programme: Programme, input: DepositInput): Deposit {
  const depositor = findParty(programme, input.depositorPartyId);
  if (!depositor)
    throw new DomainError(
      'party.unknown',
      `depositorPartyId: unknown party "${input.depositorPartyId}"`,
      { field: 'depositorPartyId' },
    );
  if (!depositor.roles.includes('debtor'))
    throw new DomainError(
      'deposit.depositor_not_debtor',
      `depositorPartyId: "${input.depositorPartyId}" is not a debtor of this programme`,
      { field: 'depositorPartyId' },
    );
  if (!isKnownCurrency(input.currency))
    throw new DomainError('currency.unknown', `currency: unknown currency "${input.currency}"`, {
      field: 'currency',
    });
  if (!programme.depositCurrencies.includes(input.currency)) {
    throw new DomainError(
      'deposit.currency_not_allowed',
      `currency: deposits are accepted in ${programme.depositCurrencies.join(', ')}, not ${input.currency}`,
      { field: 'currency' },
    );
  }
  if (input.amountMinor <= 0n)
    throw new DomainError(
      'deposit.amount_not_positive',
      'amount: a deposit must be greater than zero',
      { field: 'amount' },
    );
  const escrowCurrency = programme.settlementCurrency;
  if (input.currency === escrowCurrency) {
    if (input.conversion)
      throw new DomainError(
        'deposit.rate_not_applicable',
        `rate: a deposit in ${escrowCurrency} is not converted`,
        { field: 'rate' },
      );
    return { ...input, escrowAmountMinor: input.amountMinor, escrowCurrency };
  }
  const conversion = input.conversion;
  if (!conversion)
    throw new DomainError(
      'deposit.rate_missing',
      `rate: a deposit in ${input.currency} needs the rate to ${escrowCurrency} and its source`,
      { field: 'rate' },
    );
  if (conversion.source.trim() === '')
    throw new DomainError(
      'deposit.rate_source_missing',
      'rate_source: say where the rate comes from',
      { field: 'rate_source' },
    );
  if (conversion.rate.mantissa <= 0n)
    throw new DomainError('deposit.rate_not_positive', 'rate: must be greater than zero', {
      field: 'rate',
    });
  if (!conversionFactor(conversion, input.currency, escrowCurrency)) {
    throw new DomainError(
      'deposit.rate_wrong_pair',
      `rate: a ${conversion.base}/${conversion.quote} rate cannot convert ${input.currency} to ${escrowCurrency}`,
      { field: 'rate' },
    );
  }
  const escrowAmountMinor = convertAmountMinor(
    input.amountMinor,
    input.currency,
    escrowCurrency,
    conversion,
  );
  if (escrowAmountMinor <= 0n)
    throw new DomainError('deposit.converts_to_zero', `amount: converts to 0 ${escrowCurrency}`, {
      field: 'amount',
    });
  return { ...input, escrowAmountMinor, escrowCurrency };
}
