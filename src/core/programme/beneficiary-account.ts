// Where the money goes: the beneficiary account of a disbursement. Required before approval (a
// submit without one is refused), checked by its own check digits and formats (IBAN: ISO 13616
// mod-97 and the country's length; BIC: ISO 9362), and against the channel's bank rules: the
// bank's country (from the BIC, and the IBAN's country, which must agree) may not be one the
// channel excludes, and the bank's name may not contain an excluded term. The account is stored
// with the request and travels with the reservation and the bank instruction.
import type { Finding } from './finding.js';
import { bicCountry, ibanProblem, isValidBic } from './party-identifiers.js';
import type { Channel, Programme } from './programme.js';

export interface BeneficiaryAccount {
  readonly iban?: string;
  readonly accountNumber?: string;
  readonly bic: string;
  readonly bankName: string;
  /** ISO 3166-1 alpha-2; must equal the BIC's country */
  readonly bankCountry: string;
}

export interface BankRules {
  /** bank countries never paid on this channel (the channel's excluded jurisdictions always count too) */
  readonly excludedBankCountries: readonly string[];
  /** empty = any country not excluded */
  readonly eligibleBankCountries: readonly string[];
  /** case-insensitive terms a bank name may not contain (e.g. a sanctioned bank's name) */
  readonly excludedBankNameTerms: readonly string[];
}

export const bankNameLengthMax = 140;
const accountNumberPattern = /^[A-Z0-9]{1,34}$/;

type Add = (code: string, field: string, message: string) => void;

export function checkBeneficiaryAccount(
  programme: Programme,
  channel: Channel,
  account: BeneficiaryAccount | undefined,
  violation: Add,
): void {
  const field = 'beneficiaryAccount';
  if (!account) {
    violation(
      'account.missing',
      field,
      'a beneficiary account (IBAN, or account number with BIC, bank name and country) is required before approval',
    );
    return;
  }
  if ((account.iban === undefined) === (account.accountNumber === undefined)) {
    violation('account.number_ambiguous', field, 'give exactly one of iban or accountNumber');
  }
  if (account.iban !== undefined) {
    const problem = ibanProblem(account.iban);
    if (problem)
      violation(
        'account.iban_invalid',
        `${field}.iban`,
        `"${account.iban}" is not a valid IBAN (${problem === 'check-digits' ? 'check digits do not match' : problem})`,
      );
  }
  if (account.accountNumber !== undefined && !accountNumberPattern.test(account.accountNumber)) {
    violation(
      'account.number_invalid',
      `${field}.accountNumber`,
      'an account number is 1–34 upper-case letters and digits',
    );
  }
  if (!isValidBic(account.bic)) {
    violation(
      'account.bic_invalid',
      `${field}.bic`,
      `"${account.bic}" is not a BIC (ISO 9362: 4 letters bank, 2 letters country, 2 location, optional 3 branch)`,
    );
    return;
  }
  const name = account.bankName.trim();
  if (name === '' || name.length > bankNameLengthMax)
    violation(
      'account.bank_name_invalid',
      `${field}.bankName`,
      `the bank name is required (at most ${bankNameLengthMax} characters)`,
    );
  const country = bicCountry(account.bic);
  if (account.bankCountry !== country)
    violation(
      'account.bank_country_mismatch',
      `${field}.bankCountry`,
      `bank country ${account.bankCountry} differs from the BIC's country ${country}`,
    );
  if (account.iban !== undefined && account.iban.slice(0, 2) !== country)
    violation(
      'account.bank_country_mismatch',
      `${field}.iban`,
      `IBAN country ${account.iban.slice(0, 2)} differs from the BIC's country ${country}`,
    );
  const rules = channel.bankRules;
  const countries = new Set([
    country,
    account.bankCountry,
    ...(account.iban ? [account.iban.slice(0, 2)] : []),
  ]);
  for (const code of countries) {
    if (
      rules.excludedBankCountries.includes(code) ||
      channel.excludedJurisdictions.includes(code)
    ) {
      violation(
        'account.bank_country_excluded',
        `${field}.bic`,
        `banks in ${code} are excluded on channel ${channel.channelId}`,
      );
    } else if (
      rules.eligibleBankCountries.length > 0 &&
      !rules.eligibleBankCountries.includes(code)
    ) {
      violation(
        'account.bank_country_not_allowed',
        `${field}.bic`,
        `banks in ${code} are not among ${rules.eligibleBankCountries.join(', ')} on channel ${channel.channelId}`,
      );
    }
  }
  const lowerName = name.toLowerCase();
  const term = rules.excludedBankNameTerms.find((entry) => lowerName.includes(entry.toLowerCase()));
  if (term)
    violation(
      'account.bank_name_excluded',
      `${field}.bankName`,
      `bank "${name}" matches the excluded term "${term}" on channel ${channel.channelId}`,
    );
  // The escrow pays the creditor only through channels: never into one of its accounts.
  const creditorAccount = programme.parties
    .filter((party) => party.roles.includes('creditor'))
    .some((party) =>
      party.bankAccounts.some((entry) => entry.iban === account.iban && account.iban !== undefined),
    );
  if (creditorAccount)
    violation(
      'channel.account_belongs_to_creditor',
      `${field}.iban`,
      `account ${account.iban} is the creditor's account`,
    );
}

export function beneficiaryFindings(
  programme: Programme,
  channel: Channel,
  account: BeneficiaryAccount | undefined,
): Finding[] {
  const findings: Finding[] = [];
  checkBeneficiaryAccount(programme, channel, account, (code, field, message) =>
    findings.push({ code, field, message, severity: 'violation' }),
  );
  return findings;
}
