// The loaded, validated programme: every amount is bigint minor units, every rate and price an
// exact Decimal. Code below this point never sees the file's strings again.
import type { Decimal } from '../money/decimal.js';
import type { CurrencyCode } from '../money/currency.js';
import type { IsoDate } from './calendar-date.js';
import type { BankRules } from './beneficiary-account.js';
import type { ProgrammeControls } from './programme-controls.js';
import type { BankMessaging } from './bank-messaging.js';

export type PartyRole = 'debtor' | 'creditor' | 'custodian' | 'overseer' | 'payee';
export type PartyKind =
  | 'government-body'
  | 'state-company'
  | 'company'
  | 'bank'
  | 'diplomatic-mission'
  | 'person'
  | 'ngo';
export type Script = 'Latn' | 'Arab' | 'Cyrl';

export interface PartyName {
  readonly text: string;
  readonly script: Script;
  /** BCP 47 language: "ar" Arabic, "fa" Persian, "en" English */
  readonly language: string;
  readonly kind: 'primary' | 'alias' | 'former';
}

export type IdentifierType =
  'registration-number' | 'tax-id' | 'bic' | 'iban' | 'lei' | 'government-id';

export interface PartyIdentifier {
  readonly type: IdentifierType;
  readonly value: string;
  /** who issued it, e.g. "IQ Companies Registration Department" or a country code */
  readonly issuer?: string;
}

export interface BankAccount {
  readonly iban: string;
  readonly bic: string;
  readonly currency?: CurrencyCode;
}

export interface BeneficialOwner {
  readonly names: readonly PartyName[];
  /** set when the owner is itself a party of the programme (e.g. the creditor) */
  readonly partyId?: string;
  readonly nationality: string;
  /** exact ownership share, 0–100 */
  readonly sharePercent: Decimal;
}

export interface Party {
  readonly partyId: string;
  readonly roles: readonly PartyRole[];
  readonly kind: PartyKind;
  /** ISO 3166-1 alpha-2 country of registration or residence */
  readonly jurisdiction: string;
  readonly names: readonly PartyName[];
  readonly identifiers: readonly PartyIdentifier[];
  readonly bankAccounts: readonly BankAccount[];
  readonly beneficialOwners: readonly BeneficialOwner[];
  /** what a payee is, matched against channel eligibility */
  readonly payeeKinds: readonly string[];
}

/** A party as validated from a file or a registration: the owners are already parsed (shares as Decimals). */
export function partyWithOwners(
  party: Omit<Party, 'beneficialOwners'>,
  beneficialOwners: readonly BeneficialOwner[],
): Party {
  return {
    partyId: party.partyId,
    roles: party.roles,
    kind: party.kind,
    jurisdiction: party.jurisdiction,
    names: party.names,
    identifiers: party.identifiers,
    bankAccounts: party.bankAccounts,
    beneficialOwners,
    payeeKinds: party.payeeKinds,
  };
}

export type CapPeriod = 'waiver' | 'calendar-month' | 'calendar-quarter';

export interface ChannelCaps {
  /** caps are expressed in one currency (the programme's reference currency) so that payments in different currencies add up */
  readonly currency: CurrencyCode;
  readonly perPaymentCapMinor: bigint;
  readonly perPeriodCapMinor: bigint;
  readonly period: CapPeriod;
}

export interface PriceBand {
  /** HS prefix (2, 4 or 6 digits) the band applies to; the longest matching prefix wins */
  readonly hsCode: string;
  readonly unit: string;
  readonly currency: CurrencyCode;
  /** above this a price is flagged and needs a reasoned override by a second person */
  readonly unitPriceMax: Decimal;
  /** below this a price is flagged for information (substandard goods, undervaluation) */
  readonly unitPriceMin?: Decimal;
  readonly source: string;
}

export interface GoodsRules {
  /** HS prefixes (2-digit chapter, 4-digit heading, 6-digit subheading) */
  readonly hsCodesAllowed: readonly string[];
  readonly hsCodesExcluded: readonly string[];
  readonly priceBands: readonly PriceBand[];
}

export interface DebtRules {
  /** the payee must hold a debt owed by one of these parties (the sanctioned creditor) */
  readonly debtorOfRecordPartyIds: readonly string[];
}

export interface Channel {
  readonly channelId: string;
  readonly name: string;
  readonly description: string;
  readonly eligiblePayeeKinds: readonly string[];
  /** empty = any jurisdiction not excluded */
  readonly eligibleJurisdictions: readonly string[];
  readonly excludedJurisdictions: readonly string[];
  readonly requiredDocuments: readonly string[];
  readonly allowedCurrencies: readonly CurrencyCode[];
  readonly caps: ChannelCaps;
  /** which banks the beneficiary account may be held at (see beneficiary-account.ts) */
  readonly bankRules: BankRules;
  readonly goods?: GoodsRules;
  readonly debt?: DebtRules;
}

export type Commodity = 'gas' | 'electricity';

export interface QuantityUnit {
  readonly unit: string;
  readonly commodity: Commodity;
  /** how many of the commodity's base unit one of this unit is (m³ for gas, MWh for electricity) */
  readonly baseUnitsPerUnit: Decimal;
}

export interface Tariff {
  readonly tariffId: string;
  readonly supplierPartyId: string;
  readonly commodity: Commodity;
  readonly currency: CurrencyCode;
  /** price per `priceUnitQuantity` × `quantityUnit`, e.g. 235.50 USD per 1000 m3 */
  readonly price: Decimal;
  readonly priceUnitQuantity: Decimal;
  readonly quantityUnit: string;
  readonly validFrom: IsoDate;
  /** inclusive; absent = until replaced */
  readonly validUntil?: IsoDate;
}

export interface RateQuote {
  /** 1 `base` = `rate` `quote`, e.g. 1 USD = 1460 IQD */
  readonly base: CurrencyCode;
  readonly quote: CurrencyCode;
  readonly rate: Decimal;
  readonly source: string;
  readonly asOf: IsoDate;
}

export interface ApprovalTier {
  /** the tier applies from this reference-currency amount upward (inclusive) */
  readonly fromMinor: bigint;
  readonly approvalsRequired: number;
  readonly overseerNonObjectionRequired: boolean;
}

export interface ApprovalPolicy {
  readonly currency: CurrencyCode;
  /** sorted ascending by fromMinor, first tier from 0 */
  readonly tiers: readonly ApprovalTier[];
}

/** Limits that come from the law the programme runs under; only the overseer approves changing them. */
export interface LegalBasis {
  /** the legal instrument, in words (e.g. the waiver authority) */
  readonly instrument: string;
  /** the longest waiver the law allows, in days (inclusive of both ends) */
  readonly waiverValidityDaysMax: number;
}

export interface WaiverPolicy {
  /** sorted descending, e.g. [30, 14, 7] */
  readonly expiryWarningDaysBefore: readonly number[];
  /** may a renewal start before the waiver it renews ends? Other overlaps are always refused */
  readonly renewalOverlap: 'allow' | 'forbid';
}

export interface DocumentKind {
  readonly kind: string;
  readonly description: string;
}

export interface PayeeKind {
  readonly kind: string;
  readonly description: string;
}

export interface Programme {
  readonly programmeId: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly timeZone: string;
  readonly referenceCurrency: CurrencyCode;
  /** currency the debt is invoiced in and the escrow is kept in */
  readonly settlementCurrency: CurrencyCode;
  readonly depositCurrencies: readonly CurrencyCode[];
  readonly escrowAccount: {
    readonly custodianPartyId: string;
    readonly iban: string;
    readonly bic: string;
  };
  /** the OFAC 50% rule: a payee owned this much or more by the creditor counts as the creditor */
  readonly creditorOwnershipThresholdPercent: Decimal;
  readonly parties: readonly Party[];
  readonly payeeKinds: readonly PayeeKind[];
  readonly documentKinds: readonly DocumentKind[];
  readonly channels: readonly Channel[];
  readonly quantityUnits: readonly QuantityUnit[];
  readonly tariffs: readonly Tariff[];
  readonly referenceRates: readonly RateQuote[];
  readonly approvalPolicy: ApprovalPolicy;
  readonly legalBasis: LegalBasis;
  /** per creditor: arrears (settlement currency) above which it is expected to cut supply */
  readonly supplyCutOffs: readonly {
    readonly creditorPartyId: string;
    readonly arrearsMaxMinor: bigint;
  }[];
  readonly waiverPolicy: WaiverPolicy;
  /** limits of the money rules (value dates, aggregation, rate tolerance): programme-controls.ts */
  readonly controls: ProgrammeControls;
  /** payment-file addressing; optional so programmes without it still load */
  readonly bankMessaging?: BankMessaging;
}

export function findParty(programme: Programme, partyId: string): Party | undefined {
  return programme.parties.find((party) => party.partyId === partyId);
}

export function findChannel(programme: Programme, channelId: string): Channel | undefined {
  return programme.channels.find((channel) => channel.channelId === channelId);
}

export function partiesWithRole(programme: Programme, role: PartyRole): Party[] {
  return programme.parties.filter((party) => party.roles.includes(role));
}
