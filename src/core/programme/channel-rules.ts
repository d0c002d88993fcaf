// Checks one disbursement request against its channel's rules, all held as programme data. Returns
// every finding at once (an operator fixes a request in one pass); violations block submission,
// warnings do not, except those marked overrideRequired, which block reservation until a second
// person overrides them with a reason (see disbursement-state-machine.ts).
import { DomainError } from '../domain-error.js';
import { formatAmountMinor } from '../money/amount.js';
import { isKnownCurrency } from '../money/currency.js';
import { formatDecimal } from '../money/decimal.js';
import { extendedAmountMinor } from '../money/extended-amount.js';
import type { IsoDate } from './calendar-date.js';
import { checkBeneficiaryAccount } from './beneficiary-account.js';
import { creditorExposure } from './creditor-exposure.js';
import type { DisbursementRequest } from './disbursement-request.js';
import { referenceEquivalentMinor } from './exchange-rate.js';
import type { Finding } from './finding.js';
import { hsCodeAllowed, hsCodePattern } from './hs-code.js';
import { checkPriceBand } from './price-band-check.js';
import { findChannel, type Channel, type Party, type Programme } from './programme.js';

export interface PeriodUsage {
  /** the cap currency of the channel */
  readonly currency: string;
  /** reserved + disbursed in the current cap period on this channel, not counting this request */
  readonly committedMinor: bigint;
}

export interface ChannelCheckResult {
  readonly violations: readonly Finding[];
  readonly warnings: readonly Finding[];
  /** the request amount in the channel's cap currency, when it could be converted */
  readonly amountCapCurrencyMinor?: bigint;
}

export const goodsLinesMax = 500;
export const documentsMax = 100;
const sha256Pattern = /^[0-9a-f]{64}$/;

/** The key of the cap period a value date falls in; the caller sums usage per key. */
export function capPeriodKey(
  channel: Channel,
  valueDate: IsoDate,
  waiverId: string | undefined,
): string {
  switch (channel.caps.period) {
    case 'waiver':
      return `waiver:${waiverId ?? 'none'}`;
    case 'calendar-month':
      return valueDate.slice(0, 7);
    case 'calendar-quarter':
      return `${valueDate.slice(0, 4)}-Q${Math.floor((Number(valueDate.slice(5, 7)) - 1) / 3) + 1}`;
  }
}

export function checkDisbursementAgainstChannel(
  programme: Programme,
  channelId: string,
  request: DisbursementRequest,
  periodUsage: PeriodUsage,
  /** payees registered after the programme file was loaded (the payee register lives in the store) */
  registeredPayees: readonly Party[] = [],
): ChannelCheckResult {
  const violations: Finding[] = [];
  const warnings: Finding[] = [];
  const violation = (
    code: string,
    field: string,
    message: string,
    details?: Record<string, unknown>,
  ): void => {
    violations.push({
      code,
      field,
      message,
      severity: 'violation',
      ...(details ? { details } : {}),
    });
  };
  const channel = findChannel(programme, channelId);
  if (!channel) {
    violation(
      'channel.unknown',
      'channelId',
      `unknown channel "${channelId}"; this programme has ${programme.channels.map((entry) => entry.channelId).join(', ')}`,
    );
    return { violations, warnings };
  }

  const payee =
    programme.parties.find((party) => party.partyId === request.payeePartyId) ??
    registeredPayees.find((party) => party.partyId === request.payeePartyId);
  if (!payee) violation('party.unknown', 'payeePartyId', `unknown party "${request.payeePartyId}"`);
  else checkPayee(programme, channel, payee, request, violation);

  checkBeneficiaryAccount(programme, channel, request.beneficiaryAccount, violation);
  if (request.purpose.trim() === '')
    violation('request.purpose_missing', 'purpose', 'state what the payment is for');
  const amountCapCurrencyMinor = checkAmountAndCaps(
    programme,
    channel,
    request,
    periodUsage,
    violation,
  );
  checkDocuments(channel, request, violation);
  if (channel.goods) checkGoods(programme, channel, request, violation, warnings);
  if (channel.debt) {
    if (!request.debt)
      violation(
        'debt.details_missing',
        'debt',
        'a debt payment must name whose debt it pays and under which agreement',
      );
    else {
      if (!channel.debt.debtorOfRecordPartyIds.includes(request.debt.debtorOfRecordPartyId)) {
        violation(
          'debt.not_creditor_debt',
          'debt.debtorOfRecordPartyId',
          `only debts of ${channel.debt.debtorOfRecordPartyIds.join(', ')} may be paid on this channel, not of "${request.debt.debtorOfRecordPartyId}"`,
        );
      }
      if (request.debt.agreementReference.trim() === '')
        violation(
          'debt.agreement_missing',
          'debt.agreementReference',
          'the debt agreement reference is required',
        );
    }
  }
  return {
    violations,
    warnings,
    ...(amountCapCurrencyMinor !== undefined ? { amountCapCurrencyMinor } : {}),
  };
}

export type AddViolation = (
  code: string,
  field: string,
  message: string,
  details?: Record<string, unknown>,
) => void;

function checkPayee(
  programme: Programme,
  channel: Channel,
  payee: Party,
  request: DisbursementRequest,
  violation: AddViolation,
): void {
  const exposure = creditorExposure(programme, payee);
  if (exposure.isCreditor) {
    violation(
      'channel.payee_is_creditor',
      'payeePartyId',
      `"${payee.partyId}" is the creditor; paying it directly is forbidden on every channel`,
    );
    return;
  }
  if (!payee.roles.includes('payee'))
    violation(
      'channel.party_not_payee',
      'payeePartyId',
      `"${payee.partyId}" is not registered as a payee`,
    );
  if (exposure.ownedByCreditor) {
    violation(
      'channel.payee_owned_by_creditor',
      'payeePartyId',
      `"${payee.partyId}" is ${formatDecimal(exposure.creditorOwnershipPercent)}% owned by the creditor (threshold ${formatDecimal(programme.creditorOwnershipThresholdPercent)}%); paying it counts as paying the creditor`,
    );
  }
  if (exposure.sharedIbans.length > 0)
    violation(
      'channel.account_belongs_to_creditor',
      'payeeIban',
      `account ${exposure.sharedIbans.join(', ')} is also the creditor's account`,
    );
  if (
    request.payeeIban !== undefined &&
    !payee.bankAccounts.some((account) => account.iban === request.payeeIban)
  ) {
    violation(
      'channel.payee_account_unknown',
      'payeeIban',
      `${request.payeeIban} is not a registered account of "${payee.partyId}"`,
    );
  }
  if (!payee.payeeKinds.some((kind) => channel.eligiblePayeeKinds.includes(kind))) {
    violation(
      'channel.payee_kind_not_allowed',
      'payeePartyId',
      `"${payee.partyId}" is ${payee.payeeKinds.join(', ') || 'no payee kind'}; channel ${channel.channelId} pays only ${channel.eligiblePayeeKinds.join(', ')}`,
    );
  }
  const jurisdictions = [
    payee.jurisdiction,
    ...(request.payeeIban ? [request.payeeIban.slice(0, 2)] : []),
  ];
  for (const [index, code] of jurisdictions.entries()) {
    const field = index === 0 ? 'payeePartyId' : 'payeeIban';
    const what = index === 0 ? `payee jurisdiction ${code}` : `payee account country ${code}`;
    if (channel.excludedJurisdictions.includes(code))
      violation(
        'channel.jurisdiction_excluded',
        field,
        `${what} is excluded on channel ${channel.channelId}`,
      );
    else if (
      channel.eligibleJurisdictions.length > 0 &&
      !channel.eligibleJurisdictions.includes(code)
    ) {
      violation(
        'channel.jurisdiction_not_allowed',
        field,
        `${what} is not one of ${channel.eligibleJurisdictions.join(', ')}`,
      );
    }
  }
}

function checkAmountAndCaps(
  programme: Programme,
  channel: Channel,
  request: DisbursementRequest,
  usage: PeriodUsage,
  violation: AddViolation,
): bigint | undefined {
  if (!isKnownCurrency(request.currency)) {
    violation('currency.unknown', 'currency', `unknown currency "${request.currency}"`);
    return undefined;
  }
  if (!channel.allowedCurrencies.includes(request.currency)) {
    violation(
      'channel.currency_not_allowed',
      'currency',
      `channel ${channel.channelId} pays in ${channel.allowedCurrencies.join(', ')}, not ${request.currency}`,
    );
  }
  if (request.amountMinor <= 0n) {
    violation('request.amount_not_positive', 'amountMinor', 'the amount must be greater than zero');
    return undefined;
  }
  const caps = channel.caps;
  let amountCapMinor: bigint;
  try {
    amountCapMinor = referenceEquivalentMinor(
      programme.referenceRates,
      request.amountMinor,
      request.currency,
      caps.currency,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    violation('channel.rate_missing', 'currency', error.message);
    return undefined;
  }
  const show = (minor: bigint): string =>
    `${formatAmountMinor(minor, caps.currency)} ${caps.currency}`;
  if (amountCapMinor > caps.perPaymentCapMinor) {
    violation(
      'channel.cap_per_payment_exceeded',
      'amountMinor',
      `${show(amountCapMinor)} exceeds the per-payment cap of ${show(caps.perPaymentCapMinor)}`,
      { amountCapMinor, capMinor: caps.perPaymentCapMinor },
    );
  }
  if (usage.currency !== caps.currency) {
    violation(
      'channel.usage_currency_mismatch',
      'periodUsage',
      `period usage is in ${usage.currency}; the cap is in ${caps.currency}`,
    );
  } else if (usage.committedMinor + amountCapMinor > caps.perPeriodCapMinor) {
    const remainingMinor = caps.perPeriodCapMinor - usage.committedMinor;
    violation(
      'channel.cap_per_period_exceeded',
      'amountMinor',
      `${show(amountCapMinor)} with ${show(usage.committedMinor)} already reserved or paid this ${caps.period} exceeds the cap of ${show(caps.perPeriodCapMinor)} (${show(remainingMinor > 0n ? remainingMinor : 0n)} left)`,
      {
        amountCapMinor,
        committedMinor: usage.committedMinor,
        capMinor: caps.perPeriodCapMinor,
      },
    );
  }
  return amountCapMinor;
}

function checkDocuments(
  channel: Channel,
  request: DisbursementRequest,
  violation: AddViolation,
): void {
  if (request.documents.length > documentsMax)
    violation('request.too_many_documents', 'documents', `at most ${documentsMax} documents`);
  request.documents.forEach((document, index) => {
    if (!sha256Pattern.test(document.sha256))
      violation(
        'request.document_hash_invalid',
        `documents[${index}].sha256`,
        'must be a SHA-256 as 64 lower-case hex digits',
      );
  });
  for (const kind of channel.requiredDocuments) {
    if (!request.documents.some((document) => document.kind === kind))
      violation(
        'channel.document_missing',
        'documents',
        `channel ${channel.channelId} requires a ${kind}`,
        { kind },
      );
  }
}

function checkGoods(
  programme: Programme,
  channel: Channel,
  request: DisbursementRequest,
  violation: AddViolation,
  warnings: Finding[],
): void {
  const rules = channel.goods!;
  const lines = request.goods ?? [];
  if (lines.length === 0) {
    violation(
      'goods.lines_missing',
      'goods',
      `channel ${channel.channelId} pays for goods: list them with HS codes, quantities and unit prices`,
    );
    return;
  }
  if (lines.length > goodsLinesMax) {
    violation(
      'goods.too_many_lines',
      'goods',
      `at most ${goodsLinesMax} goods lines per disbursement`,
    );
    return;
  }
  let totalMinor = 0n;
  lines.forEach((line, index) => {
    const field = `goods[${index}]`;
    if (!hsCodePattern.test(line.hsCode))
      violation(
        'goods.hs_code_invalid',
        `${field}.hsCode`,
        `"${line.hsCode}" is not an HS code of 6 to 10 digits`,
      );
    else if (!hsCodeAllowed(rules, line.hsCode))
      violation(
        'goods.hs_code_not_allowed',
        `${field}.hsCode`,
        `HS ${line.hsCode} is not on the allow-list of channel ${channel.channelId}`,
      );
    if (line.quantity.mantissa <= 0n)
      violation('goods.quantity_not_positive', `${field}.quantity`, 'must be greater than zero');
    if (line.unitPrice.mantissa <= 0n)
      violation('goods.unit_price_not_positive', `${field}.unitPrice`, 'must be greater than zero');
    if (isKnownCurrency(request.currency))
      totalMinor += extendedAmountMinor({
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        currency: request.currency,
      });
    checkPriceBand(programme, rules, request.currency, line, field, violation, warnings);
  });
  if (isKnownCurrency(request.currency) && totalMinor !== request.amountMinor) {
    violation(
      'goods.total_mismatch',
      'amountMinor',
      `the goods lines add up to ${formatAmountMinor(totalMinor, request.currency)} ${request.currency}, not ${formatAmountMinor(request.amountMinor, request.currency)}`,
      { linesTotalMinor: totalMinor },
    );
  }
}
