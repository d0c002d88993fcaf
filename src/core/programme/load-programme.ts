// Programme file → validated Programme. Structure is checked by zod, then the rules that span
// fields (references between parties, channels and tariffs; amount precision per currency; tier
// order). Every problem is collected, not just the first, and each names the path of the bad
// field, so whoever edits the file can fix it in one pass.
import { DomainError } from '../domain-error.js';
import { parseAmountMinor } from '../money/amount.js';
import { isKnownCurrency } from '../money/currency.js';
import { parseDecimal, type Decimal } from '../money/decimal.js';
import { formatFieldPath } from './field-path.js';
import { bicCountry } from './party-identifiers.js';
import { programmeFileSchema, type ProgrammeFile } from './programme-file-schema.js';
import { partyWithOwners, type Channel, type PartyRole, type Programme } from './programme.js';
import { rateBetween } from './exchange-rate.js';
import type { BankMessaging } from './bank-messaging.js';
import { addDecimal, compareDecimal } from './decimal-arithmetic.js';
import { defaultControls } from './programme-controls.js';

export interface ProgrammeIssue {
  /** e.g. `channels[2].caps.perPaymentMax` */
  readonly path: string;
  readonly message: string;
}

export class ProgrammeInvalidError extends DomainError {
  readonly issues: readonly ProgrammeIssue[];
  constructor(issues: readonly ProgrammeIssue[]) {
    const shown = issues.slice(0, 50).map((issue) => `  ${issue.path}: ${issue.message}`);
    const more = issues.length > 50 ? [`  … and ${issues.length - 50} more`] : [];
    super(
      'programme.invalid',
      `programme file is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${[...shown, ...more].join('\n')}`,
      {
        field: issues[0]?.path,
        details: { issues },
      },
    );
    this.issues = issues;
  }
}

type Path = readonly (string | number)[];

class IssueList {
  readonly issues: ProgrammeIssue[] = [];
  add(path: Path, message: string): void {
    this.issues.push({ path: formatFieldPath(path), message });
  }
  /** run a parser that throws DomainError; record its message under `path` and return undefined */
  attempt<T>(path: Path, parse: (field: string) => T): T | undefined {
    try {
      return parse(formatFieldPath(path));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // DomainError messages start with "field: "; the path is added by add(), so strip it.
      this.add(path, error.message.replace(/^[^:]*: /, ''));
      return undefined;
    }
  }
}

export function loadProgrammeFromJsonText(jsonText: string): Programme {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (error) {
    throw new ProgrammeInvalidError([
      { path: '(root)', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  return loadProgramme(json);
}

export function loadProgramme(json: unknown): Programme {
  const parsed = programmeFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProgrammeInvalidError(
      parsed.error.issues.map((issue) => ({
        path: formatFieldPath(issue.path),
        message: issue.message,
      })),
    );
  }
  const issues = new IssueList();
  const programme = buildProgramme(parsed.data, issues);
  if (issues.issues.length > 0) throw new ProgrammeInvalidError(issues.issues);
  return programme;
}

function checkUnique(
  issues: IssueList,
  items: readonly Record<string, unknown>[],
  key: string,
  path: string,
): void {
  const firstIndex = new Map<unknown, number>();
  items.forEach((item, index) => {
    const value = item[key];
    const earlier = firstIndex.get(value);
    if (earlier !== undefined)
      issues.add([path, index, key], `duplicate "${String(value)}" (also ${path}[${earlier}])`);
    else firstIndex.set(value, index);
  });
}

function checkCurrency(issues: IssueList, path: Path, code: string): void {
  if (!isKnownCurrency(code))
    issues.add(path, `unknown currency "${code}" (not in src/core/money/currencies.json)`);
}

const hundredPercent: Decimal = { mantissa: 100n, scale: 0 };

function buildProgramme(file: ProgrammeFile, issues: IssueList): Programme {
  checkUnique(issues, file.parties, 'partyId', 'parties');
  checkUnique(issues, file.channels, 'channelId', 'channels');
  checkUnique(issues, file.tariffs, 'tariffId', 'tariffs');
  checkUnique(issues, file.payeeKinds, 'kind', 'payeeKinds');
  checkUnique(issues, file.documentKinds, 'kind', 'documentKinds');
  checkUnique(issues, file.quantityUnits, 'unit', 'quantityUnits');

  checkCurrency(issues, ['referenceCurrency'], file.referenceCurrency);
  checkCurrency(issues, ['settlementCurrency'], file.settlementCurrency);
  file.depositCurrencies.forEach((code, index) =>
    checkCurrency(issues, ['depositCurrencies', index], code),
  );

  const partyRoles = new Map<string, readonly PartyRole[]>(
    file.parties.map((party) => [party.partyId, party.roles]),
  );
  const hasRole = (partyId: string, role: PartyRole): boolean =>
    partyRoles.get(partyId)?.includes(role) ?? false;
  const payeeKinds = new Set(file.payeeKinds.map((entry) => entry.kind));
  const documentKinds = new Set(file.documentKinds.map((entry) => entry.kind));

  for (const role of ['debtor', 'creditor', 'custodian', 'overseer'] as const) {
    if (!file.parties.some((party) => party.roles.includes(role)))
      issues.add(['parties'], `no party has the role "${role}"`);
  }

  const threshold = issues.attempt(['creditorOwnershipThresholdPercent'], (field) =>
    parseDecimal(file.creditorOwnershipThresholdPercent, { field }),
  );
  if (threshold && compareDecimal(threshold, hundredPercent) > 0)
    issues.add(['creditorOwnershipThresholdPercent'], 'must be at most 100');

  const parties = file.parties.map((party, partyIndex) => {
    const at = (...rest: (string | number)[]): Path => ['parties', partyIndex, ...rest];
    if (party.roles.includes('creditor') && party.roles.includes('payee')) {
      // The whole arrangement exists because the creditor may not be paid directly.
      issues.add(at('roles'), 'a creditor can never also be a payee');
    }
    if (party.roles.includes('payee') && party.payeeKinds.length === 0)
      issues.add(at('payeeKinds'), 'a payee needs at least one payee kind');
    party.payeeKinds.forEach((kind, index) => {
      if (!payeeKinds.has(kind))
        issues.add(at('payeeKinds', index), `unknown payee kind "${kind}" (not in payeeKinds)`);
    });
    party.bankAccounts.forEach((account, index) => {
      if (account.currency)
        checkCurrency(issues, at('bankAccounts', index, 'currency'), account.currency);
    });
    let shareTotal: Decimal = { mantissa: 0n, scale: 0 };
    const beneficialOwners = party.beneficialOwners.map((owner, ownerIndex) => {
      if (owner.partyId !== undefined && !partyRoles.has(owner.partyId)) {
        issues.add(
          at('beneficialOwners', ownerIndex, 'partyId'),
          `unknown party "${owner.partyId}"`,
        );
      }
      const share = issues.attempt(at('beneficialOwners', ownerIndex, 'sharePercent'), (field) =>
        parseDecimal(owner.sharePercent, { field, scaleMax: 4 }),
      ) ?? { mantissa: 0n, scale: 0 };
      if (compareDecimal(share, hundredPercent) > 0)
        issues.add(at('beneficialOwners', ownerIndex, 'sharePercent'), 'must be at most 100');
      shareTotal = addDecimal(shareTotal, share);
      return {
        names: owner.names,
        partyId: owner.partyId,
        nationality: owner.nationality,
        sharePercent: share,
      };
    });
    if (compareDecimal(shareTotal, hundredPercent) > 0)
      issues.add(at('beneficialOwners'), 'ownership shares add up to more than 100%');
    return partyWithOwners(party, beneficialOwners);
  });

  const custodianId = file.escrowAccount.custodianPartyId;
  if (!partyRoles.has(custodianId))
    issues.add(['escrowAccount', 'custodianPartyId'], `unknown party "${custodianId}"`);
  else if (!hasRole(custodianId, 'custodian'))
    issues.add(
      ['escrowAccount', 'custodianPartyId'],
      `party "${custodianId}" does not have the role "custodian"`,
    );
  const custodian = file.parties.find((party) => party.partyId === custodianId);
  const custodianBics =
    custodian?.identifiers.filter((entry) => entry.type === 'bic').map((entry) => entry.value) ??
    [];
  if (
    custodianBics.length > 0 &&
    !custodianBics.some((value) => value.slice(0, 8) === file.escrowAccount.bic.slice(0, 8))
  ) {
    issues.add(
      ['escrowAccount', 'bic'],
      `does not match the custodian's BIC (${custodianBics.join(', ')})`,
    );
  }
  if (file.escrowAccount.iban.slice(0, 2) !== bicCountry(file.escrowAccount.bic)) {
    issues.add(
      ['escrowAccount', 'iban'],
      `IBAN country ${file.escrowAccount.iban.slice(0, 2)} differs from the BIC country ${bicCountry(file.escrowAccount.bic)}`,
    );
  }

  file.referenceRates.forEach((quote, index) => {
    checkCurrency(issues, ['referenceRates', index, 'base'], quote.base);
    checkCurrency(issues, ['referenceRates', index, 'quote'], quote.quote);
    if (quote.base === quote.quote)
      issues.add(['referenceRates', index, 'quote'], 'base and quote currency are the same');
  });
  const referenceRates = file.referenceRates.map((quote, index) => ({
    base: quote.base,
    quote: quote.quote,
    rate: issues.attempt(['referenceRates', index, 'rate'], (field) =>
      parseDecimal(quote.rate, { field }),
    ) ?? { mantissa: 1n, scale: 0 },
    source: quote.source,
    asOf: quote.asOf,
  }));

  const channels = file.channels.map((channel, channelIndex) =>
    buildChannel(channel, channelIndex, issues, {
      payeeKinds,
      documentKinds,
      hasRole,
      partyRoles,
      referenceRates,
      approvalCurrency: file.approvalPolicy.currency,
    }),
  );

  const supplyCutOffs = file.supplyCutOffs.map((cutOff, index) => {
    if (!hasRole(cutOff.creditorPartyId, 'creditor'))
      issues.add(
        ['supplyCutOffs', index, 'creditorPartyId'],
        `party "${cutOff.creditorPartyId}" is not a creditor`,
      );
    const arrearsMaxMinor = isKnownCurrency(file.settlementCurrency)
      ? (issues.attempt(['supplyCutOffs', index, 'arrearsMax'], (field) =>
          parseAmountMinor(cutOff.arrearsMax, file.settlementCurrency, { field }),
        ) ?? 0n)
      : 0n;
    return { creditorPartyId: cutOff.creditorPartyId, arrearsMaxMinor };
  });

  const quantityUnits = file.quantityUnits.map((unit, index) => ({
    unit: unit.unit,
    commodity: unit.commodity,
    baseUnitsPerUnit: issues.attempt(['quantityUnits', index, 'baseUnitsPerUnit'], (field) =>
      parseDecimal(unit.baseUnitsPerUnit, { field }),
    ) ?? { mantissa: 1n, scale: 0 },
  }));

  const tariffs = file.tariffs.map((tariff, index) => {
    const at = (...rest: (string | number)[]): Path => ['tariffs', index, ...rest];
    if (!partyRoles.has(tariff.supplierPartyId))
      issues.add(at('supplierPartyId'), `unknown party "${tariff.supplierPartyId}"`);
    else if (!hasRole(tariff.supplierPartyId, 'creditor'))
      issues.add(
        at('supplierPartyId'),
        `party "${tariff.supplierPartyId}" is not a creditor (supplier)`,
      );
    checkCurrency(issues, at('currency'), tariff.currency);
    if (tariff.currency !== file.settlementCurrency)
      issues.add(at('currency'), `must be the settlement currency ${file.settlementCurrency}`);
    const unit = file.quantityUnits.find((entry) => entry.unit === tariff.quantityUnit);
    if (!unit)
      issues.add(
        at('quantityUnit'),
        `unknown unit "${tariff.quantityUnit}" (not in quantityUnits)`,
      );
    else if (unit.commodity !== tariff.commodity)
      issues.add(
        at('quantityUnit'),
        `unit "${tariff.quantityUnit}" measures ${unit.commodity}, not ${tariff.commodity}`,
      );
    if (tariff.validUntil !== undefined && tariff.validUntil < tariff.validFrom)
      issues.add(
        at('validUntil'),
        `ends (${tariff.validUntil}) before it starts (${tariff.validFrom})`,
      );
    file.tariffs.forEach((other, otherIndex) => {
      if (
        otherIndex >= index ||
        other.supplierPartyId !== tariff.supplierPartyId ||
        other.commodity !== tariff.commodity
      )
        return;
      const overlaps =
        tariff.validFrom <= (other.validUntil ?? '9999-12-31') &&
        other.validFrom <= (tariff.validUntil ?? '9999-12-31');
      if (overlaps)
        issues.add(
          at('validFrom'),
          `overlaps tariffs[${otherIndex}] for the same supplier and commodity; two prices cannot be in force on one day`,
        );
    });
    return {
      tariffId: tariff.tariffId,
      supplierPartyId: tariff.supplierPartyId,
      commodity: tariff.commodity,
      currency: tariff.currency,
      price: issues.attempt(at('price'), (field) => parseDecimal(tariff.price, { field })) ?? {
        mantissa: 0n,
        scale: 0,
      },
      priceUnitQuantity: issues.attempt(at('priceUnitQuantity'), (field) =>
        parseDecimal(tariff.priceUnitQuantity, { field }),
      ) ?? { mantissa: 1n, scale: 0 },
      quantityUnit: tariff.quantityUnit,
      validFrom: tariff.validFrom,
      ...(tariff.validUntil !== undefined ? { validUntil: tariff.validUntil } : {}),
    };
  });

  const policy = file.approvalPolicy;
  checkCurrency(issues, ['approvalPolicy', 'currency'], policy.currency);
  const tiers = policy.tiers.map((tier, index) => ({
    fromMinor: isKnownCurrency(policy.currency)
      ? (issues.attempt(['approvalPolicy', 'tiers', index, 'fromAmount'], (field) =>
          parseAmountMinor(tier.fromAmount, policy.currency, { field }),
        ) ?? 0n)
      : 0n,
    approvalsRequired: tier.approvalsRequired,
    overseerNonObjectionRequired: tier.overseerNonObjectionRequired,
  }));
  tiers.forEach((tier, index) => {
    const at: Path = ['approvalPolicy', 'tiers', index];
    const previous = tiers[index - 1];
    if (index === 0 && tier.fromMinor !== 0n)
      issues.add(
        [...at, 'fromAmount'],
        'the first tier must start at 0 so every amount has a tier',
      );
    if (!previous) return;
    // A larger payment must never need less scrutiny than a smaller one.
    if (tier.fromMinor <= previous.fromMinor)
      issues.add([...at, 'fromAmount'], 'tiers must be in strictly ascending order of fromAmount');
    if (tier.approvalsRequired < previous.approvalsRequired)
      issues.add([...at, 'approvalsRequired'], 'a higher tier must not require fewer approvals');
    if (previous.overseerNonObjectionRequired && !tier.overseerNonObjectionRequired)
      issues.add(
        [...at, 'overseerNonObjectionRequired'],
        'a higher tier must not drop the overseer non-objection',
      );
  });

  const waiverPolicy = file.waiverPolicy;
  waiverPolicy.expiryWarningDaysBefore.forEach((days, index) => {
    const previous = waiverPolicy.expiryWarningDaysBefore[index - 1];
    if (previous !== undefined && days >= previous)
      issues.add(
        ['waiverPolicy', 'expiryWarningDaysBefore', index],
        'must be in strictly descending order, e.g. [30, 14, 7]',
      );
    const daysMax = file.legalBasis.waiverValidityDaysMax;
    if (days >= daysMax)
      issues.add(
        ['waiverPolicy', 'expiryWarningDaysBefore', index],
        `must be shorter than legalBasis.waiverValidityDaysMax (${daysMax})`,
      );
  });

  return {
    programmeId: file.programmeId,
    name: file.name,
    version: file.version,
    description: file.description,
    timeZone: file.timeZone,
    referenceCurrency: file.referenceCurrency,
    settlementCurrency: file.settlementCurrency,
    depositCurrencies: file.depositCurrencies,
    escrowAccount: file.escrowAccount,
    creditorOwnershipThresholdPercent: threshold ?? hundredPercent,
    parties,
    payeeKinds: file.payeeKinds,
    documentKinds: file.documentKinds,
    channels,
    quantityUnits,
    tariffs,
    referenceRates,
    approvalPolicy: { currency: policy.currency, tiers },
    controls: file.controls
      ? {
          valueDateBackDaysMax: file.controls.valueDateBackDaysMax,
          aggregationWindowDays: file.controls.aggregationWindowDays,
          referenceRateAgeDaysMax: file.controls.referenceRateAgeDaysMax,
          rateTolerancePercent:
            issues.attempt(['controls', 'rateTolerancePercent'], (field) =>
              parseDecimal(file.controls!.rateTolerancePercent, { field }),
            ) ?? defaultControls.rateTolerancePercent,
        }
      : defaultControls,
    supplyCutOffs,
    legalBasis: {
      instrument: file.legalBasis.instrument,
      waiverValidityDaysMax: file.legalBasis.waiverValidityDaysMax,
    },
    waiverPolicy: {
      expiryWarningDaysBefore: waiverPolicy.expiryWarningDaysBefore,
      renewalOverlap: waiverPolicy.renewalOverlap,
    },
    ...(file.bankMessaging
      ? { bankMessaging: checkBankMessaging(file.bankMessaging, issues, partyRoles, file.channels) }
      : {}),
  };
}

/** Every address and route must name a party or channel of this programme. */
function checkBankMessaging(
  messaging: NonNullable<ProgrammeFile['bankMessaging']>,
  issues: IssueList,
  partyRoles: ReadonlyMap<string, unknown>,
  channels: ProgrammeFile['channels'],
): BankMessaging {
  messaging.postalAddresses.forEach((address, index) => {
    if (!partyRoles.has(address.partyId))
      issues.add(
        ['bankMessaging', 'postalAddresses', index, 'partyId'],
        `unknown party "${address.partyId}"`,
      );
  });
  messaging.channelRoutes.forEach((route, index) => {
    const channel = channels.find((entry) => entry.channelId === route.channelId);
    if (!channel)
      issues.add(
        ['bankMessaging', 'channelRoutes', index, 'channelId'],
        `unknown channel "${route.channelId}"`,
      );
    else if (route.currency !== undefined && !channel.allowedCurrencies.includes(route.currency))
      issues.add(
        ['bankMessaging', 'channelRoutes', index, 'currency'],
        `channel "${route.channelId}" does not allow ${route.currency}`,
      );
  });
  return messaging as BankMessaging;
}

interface ChannelContext {
  payeeKinds: ReadonlySet<string>;
  documentKinds: ReadonlySet<string>;
  hasRole: (partyId: string, role: PartyRole) => boolean;
  partyRoles: ReadonlyMap<string, unknown>;
  referenceRates: Programme['referenceRates'];
  approvalCurrency: string;
}

function buildChannel(
  channel: ProgrammeFile['channels'][number],
  channelIndex: number,
  issues: IssueList,
  context: ChannelContext,
): Channel {
  const at = (...rest: (string | number)[]): Path => ['channels', channelIndex, ...rest];
  channel.eligiblePayeeKinds.forEach((kind, index) => {
    if (!context.payeeKinds.has(kind))
      issues.add(
        at('eligiblePayeeKinds', index),
        `unknown payee kind "${kind}" (not in payeeKinds)`,
      );
  });
  channel.requiredDocuments.forEach((kind, index) => {
    if (!context.documentKinds.has(kind))
      issues.add(
        at('requiredDocuments', index),
        `unknown document kind "${kind}" (not in documentKinds)`,
      );
  });
  channel.eligibleJurisdictions.forEach((code, index) => {
    if (channel.excludedJurisdictions.includes(code))
      issues.add(at('eligibleJurisdictions', index), `"${code}" is both eligible and excluded`);
  });
  const capsCurrency = channel.caps.currency;
  checkCurrency(issues, at('caps', 'currency'), capsCurrency);
  channel.allowedCurrencies.forEach((code, index) => {
    checkCurrency(issues, at('allowedCurrencies', index), code);
    // A payment in EUR can only be held against a USD cap or approval tier if the programme says how to convert.
    for (const [target, what] of [
      [capsCurrency, 'cap currency'],
      [context.approvalCurrency, 'approval-tier currency'],
    ] as const) {
      if (
        code !== target &&
        isKnownCurrency(code) &&
        isKnownCurrency(target) &&
        !rateBetween(context.referenceRates, code, target)
      ) {
        issues.add(
          at('allowedCurrencies', index),
          `no reference rate between ${code} and the ${what} ${target}`,
        );
      }
    }
  });
  const known = isKnownCurrency(capsCurrency);
  const perPaymentCapMinor = known
    ? (issues.attempt(at('caps', 'perPaymentMax'), (field) =>
        parseAmountMinor(channel.caps.perPaymentMax, capsCurrency, { field }),
      ) ?? 0n)
    : 0n;
  const perPeriodCapMinor = known
    ? (issues.attempt(at('caps', 'perPeriodMax'), (field) =>
        parseAmountMinor(channel.caps.perPeriodMax, capsCurrency, { field }),
      ) ?? 0n)
    : 0n;
  if (perPaymentCapMinor > perPeriodCapMinor && perPeriodCapMinor > 0n)
    issues.add(at('caps', 'perPaymentMax'), 'is larger than perPeriodMax');

  let goods: Channel['goods'];
  if (channel.goods) {
    const rules = channel.goods;
    const priceBands = rules.priceBands.map((band, index) => {
      const bandAt = (...rest: (string | number)[]): Path =>
        at('goods', 'priceBands', index, ...rest);
      checkCurrency(issues, bandAt('currency'), band.currency);
      if (!rules.hsCodesAllowed.some((prefix) => band.hsCode.startsWith(prefix)))
        issues.add(bandAt('hsCode'), `"${band.hsCode}" is not on this channel's allow-list`);
      const unitPriceMax = issues.attempt(bandAt('unitPriceMax'), (field) =>
        parseDecimal(band.unitPriceMax, { field }),
      ) ?? { mantissa: 0n, scale: 0 };
      const unitPriceMin =
        band.unitPriceMin === undefined
          ? undefined
          : issues.attempt(bandAt('unitPriceMin'), (field) =>
              parseDecimal(band.unitPriceMin, { field }),
            );
      if (unitPriceMin && compareDecimal(unitPriceMin, unitPriceMax) > 0)
        issues.add(bandAt('unitPriceMin'), 'is above unitPriceMax');
      return {
        hsCode: band.hsCode,
        unit: band.unit,
        currency: band.currency,
        unitPriceMax,
        ...(unitPriceMin ? { unitPriceMin } : {}),
        source: band.source,
      };
    });
    rules.priceBands.forEach((band, index) => {
      const earlier = rules.priceBands.findIndex(
        (other) => other.hsCode === band.hsCode && other.unit === band.unit,
      );
      if (earlier < index)
        issues.add(
          at('goods', 'priceBands', index, 'hsCode'),
          `duplicate band for ${band.hsCode} per ${band.unit} (also priceBands[${earlier}])`,
        );
    });
    goods = {
      hsCodesAllowed: rules.hsCodesAllowed,
      hsCodesExcluded: rules.hsCodesExcluded,
      priceBands,
    };
  }
  let debt: Channel['debt'];
  if (channel.debt) {
    channel.debt.debtorOfRecordPartyIds.forEach((partyId, index) => {
      if (!context.partyRoles.has(partyId))
        issues.add(at('debt', 'debtorOfRecordPartyIds', index), `unknown party "${partyId}"`);
      else if (!context.hasRole(partyId, 'creditor'))
        issues.add(
          at('debt', 'debtorOfRecordPartyIds', index),
          `party "${partyId}" is not a creditor of this programme`,
        );
    });
    debt = { debtorOfRecordPartyIds: channel.debt.debtorOfRecordPartyIds };
  }
  return {
    channelId: channel.channelId,
    name: channel.name,
    description: channel.description,
    eligiblePayeeKinds: channel.eligiblePayeeKinds,
    eligibleJurisdictions: channel.eligibleJurisdictions,
    excludedJurisdictions: channel.excludedJurisdictions,
    requiredDocuments: channel.requiredDocuments,
    allowedCurrencies: channel.allowedCurrencies,
    caps: {
      currency: capsCurrency,
      perPaymentCapMinor,
      perPeriodCapMinor,
      period: channel.caps.period,
    },
    bankRules: channel.bankRules ?? {
      excludedBankCountries: [],
      eligibleBankCountries: [],
      excludedBankNameTerms: [],
    },
    ...(goods ? { goods } : {}),
    ...(debt ? { debt } : {}),
  };
}
