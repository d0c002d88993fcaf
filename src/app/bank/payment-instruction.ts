// One instructed disbursement as the bank must see it: plain data drawn from the programme and
// the disbursement record, before any XML. The destination is the request's `beneficiaryAccount`
// when it has one, otherwise the payee's registered account (the one named by `payeeIban`, else
// the first), so what is paid is what was screened.
import { DomainError } from '../../core/domain-error.js';
import { isoAmountFromMinor } from './iso-amount.js';
import { endToEndIdFor, uetrFor } from './payment-identifiers.js';
import {
  noBankMessaging,
  postalAddressOf,
  routeFor,
  type ChargeBearer,
  type IntermediaryAgent,
  type PostalAddress,
} from '../../core/programme/bank-messaging.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import {
  findParty,
  partiesWithRole,
  type Party,
  type Programme,
} from '../../core/programme/programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';

export interface PartyAddress {
  readonly streetName?: string;
  readonly buildingNumber?: string;
  readonly postCode?: string;
  readonly townName?: string;
  readonly countrySubDivision?: string;
  readonly country: string;
}

export interface PaymentParty {
  readonly name: string;
  readonly address: PartyAddress;
}

export interface CreditorAccount {
  readonly iban?: string;
  readonly accountNumber?: string;
  readonly bic: string;
  readonly bankName?: string;
  readonly bankCountry: string;
}

export interface PaymentInstruction {
  readonly disbursementId: string;
  readonly endToEndId: string;
  readonly uetr: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  /** the amount as the file writes it, in the currency's minor digits */
  readonly amountText: string;
  readonly requestedExecutionDate: IsoDate;
  readonly chargeBearer: ChargeBearer;
  readonly intermediaryAgents: readonly IntermediaryAgent[];
  readonly creditor: PaymentParty;
  readonly creditorAccount: CreditorAccount;
  readonly purposeCode?: string;
  /** RmtInf/Ustrd: at most 140 characters */
  readonly remittance: string;
}

export interface DebtorSide {
  readonly debtor: PaymentParty;
  readonly iban: string;
  readonly custodianBic: string;
  readonly custodianName: string;
  readonly custodianAddress: PartyAddress;
}

export const remittanceLengthMax = 140;
const isoNameLengthMax = 140;

interface BeneficiaryAccountShape {
  readonly iban?: string;
  readonly accountNumber?: string;
  readonly bic: string;
  readonly bankName: string;
  readonly bankCountry: string;
}

function latinName(party: Party): string {
  const primary =
    party.names.find((name) => name.script === 'Latn' && name.kind === 'primary') ??
    party.names.find((name) => name.script === 'Latn') ??
    party.names[0];
  if (!primary)
    throw new DomainError(
      'bank.party_unnamed',
      `party ${party.partyId} has no name to put on a payment`,
      { field: 'partyId' },
    );
  return primary.text.slice(0, isoNameLengthMax);
}

function addressOf(programme: Programme, party: Party): PartyAddress {
  const address: PostalAddress | undefined = postalAddressOf(
    programme.bankMessaging ?? noBankMessaging,
    party.partyId,
  );
  if (!address) return { country: party.jurisdiction };
  const { partyId: _partyId, ...rest } = address;
  return rest;
}

export function debtorSide(programme: Programme): DebtorSide {
  const [debtor] = partiesWithRole(programme, 'debtor');
  const custodian = findParty(programme, programme.escrowAccount.custodianPartyId);
  if (!debtor || !custodian)
    throw new DomainError(
      'bank.programme_incomplete',
      `programme ${programme.programmeId} needs a debtor and its custodian to instruct payments`,
      { field: 'programmeId' },
    );
  return {
    debtor: { name: latinName(debtor), address: addressOf(programme, debtor) },
    iban: programme.escrowAccount.iban,
    custodianBic: programme.escrowAccount.bic,
    custodianName: latinName(custodian),
    custodianAddress: addressOf(programme, custodian),
  };
}

function creditorAccountOf(payee: Party, record: DisbursementRecord): CreditorAccount {
  const beneficiary = (record.request as { beneficiaryAccount?: BeneficiaryAccountShape })
    .beneficiaryAccount;
  if (beneficiary) {
    return {
      ...(beneficiary.iban ? { iban: beneficiary.iban } : {}),
      ...(beneficiary.accountNumber ? { accountNumber: beneficiary.accountNumber } : {}),
      bic: beneficiary.bic,
      bankName: beneficiary.bankName,
      bankCountry: beneficiary.bankCountry,
    };
  }
  const registered =
    payee.bankAccounts.find((account) => account.iban === record.request.payeeIban) ??
    payee.bankAccounts[0];
  if (!registered)
    throw new DomainError(
      'bank.payee_account_missing',
      `payee ${payee.partyId} has no bank account to credit for ${record.disbursementId}`,
      { field: 'payeePartyId' },
    );
  return { iban: registered.iban, bic: registered.bic, bankCountry: registered.bic.slice(4, 6) };
}

/** Execution is requested on the value date, or today (programme time zone) if that has passed. */
export function paymentInstructionFor(
  programme: Programme,
  record: DisbursementRecord,
  today: IsoDate,
): PaymentInstruction {
  if (record.status !== 'instructed')
    throw new DomainError(
      'bank.not_instructed',
      `${record.disbursementId} is ${record.status}, not instructed`,
      { field: 'disbursementId' },
    );
  const payee = findParty(programme, record.request.payeePartyId);
  if (!payee)
    throw new DomainError(
      'bank.payee_unknown',
      `payee ${record.request.payeePartyId} of ${record.disbursementId} is not in the programme`,
      { field: 'payeePartyId' },
    );
  const messaging = programme.bankMessaging ?? noBankMessaging;
  const route = routeFor(messaging, record.channelId, record.request.currency);
  const remittance = `${record.disbursementId} ${record.request.purpose}`
    .replace(/\s+/g, ' ')
    .slice(0, remittanceLengthMax);
  return {
    disbursementId: record.disbursementId,
    endToEndId: endToEndIdFor(programme.programmeId, record.disbursementId),
    uetr: uetrFor(programme.programmeId, record.disbursementId),
    amountMinor: record.request.amountMinor,
    currency: record.request.currency,
    amountText: isoAmountFromMinor(record.request.amountMinor, record.request.currency),
    requestedExecutionDate: record.request.valueDate > today ? record.request.valueDate : today,
    chargeBearer: route?.chargeBearer ?? messaging.chargeBearer,
    intermediaryAgents: route?.intermediaryAgents ?? [],
    creditor: { name: latinName(payee), address: addressOf(programme, payee) },
    creditorAccount: creditorAccountOf(payee, record),
    ...(route?.purposeCode ? { purposeCode: route.purposeCode } : {}),
    remittance,
  };
}
