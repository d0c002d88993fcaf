import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadProgramme,
  loadProgrammeFromJsonText,
  ProgrammeInvalidError,
} from './load-programme.js';
import {
  programmeIssues,
  rawReferenceProgramme,
  referenceProgramme,
  referenceProgrammePath,
  type RawProgramme,
} from './fixtures.test-support.js';
import { findChannel, findParty, partiesWithRole } from './programme.js';

describe('the reference programme (Iraq–Iran energy)', () => {
  const programme = referenceProgramme();

  it('loads, with the six channels of the brief', () => {
    expect(programme.channels.map((channel) => channel.channelId)).toEqual([
      'humanitarian-goods',
      'medicines',
      'foreign-debt',
      'diplomatic-bills',
      'companies-in-iraq',
      'pilgrims',
    ]);
  });

  it('names debtors, creditors, the custodian and overseers by role', () => {
    expect(partiesWithRole(programme, 'debtor').map((party) => party.partyId)).toEqual([
      'iq-moelec',
      'iq-mof',
    ]);
    expect(partiesWithRole(programme, 'creditor').map((party) => party.partyId)).toEqual([
      'ir-nigc',
      'ir-tavanir',
    ]);
    expect(partiesWithRole(programme, 'custodian').map((party) => party.partyId)).toEqual([
      'iq-tbi',
    ]);
    expect(partiesWithRole(programme, 'overseer').map((party) => party.partyId)).toEqual([
      'us-treasury-ofac',
      'us-state',
    ]);
    const tbi = findParty(programme, 'iq-tbi');
    expect(tbi?.identifiers).toContainEqual({ type: 'bic', value: 'TRIQIQBA' });
    expect(tbi?.names.some((name) => name.script === 'Arab' && name.language === 'ar')).toBe(true);
    expect(findParty(programme, 'ir-nigc')?.names.some((name) => name.language === 'fa')).toBe(
      true,
    );
  });

  it('parses money to bigint minor units and prices to exact decimals', () => {
    const goods = findChannel(programme, 'humanitarian-goods')!;
    expect(goods.caps.perPaymentCapMinor).toBe(2_500_000_000n);
    expect(goods.caps.perPeriodCapMinor).toBe(50_000_000_000n);
    expect(programme.approvalPolicy.tiers.map((tier) => tier.fromMinor)).toEqual([
      0n,
      100_000_000n,
      2_500_000_000n,
    ]);
    const gas = programme.tariffs.find((tariff) => tariff.tariffId === 'nigc-gas-2021')!;
    expect(gas.price).toEqual({ mantissa: 23550n, scale: 2 });
    expect(gas.priceUnitQuantity).toEqual({ mantissa: 1000n, scale: 0 });
    expect(programme.legalBasis.waiverValidityDaysMax).toBe(120);
    expect(programme.waiverPolicy.expiryWarningDaysBefore).toEqual([30, 14, 7]);
  });

  it('lists food chapters, chapter 30 and medical devices 9018–9022 on the goods channels', () => {
    expect(findChannel(programme, 'humanitarian-goods')!.goods!.hsCodesAllowed).toContain('10');
    expect(findChannel(programme, 'medicines')!.goods!.hsCodesAllowed).toEqual(
      expect.arrayContaining(['30', '9018', '9019', '9020', '9021', '9022']),
    );
    expect(findChannel(programme, 'foreign-debt')!.requiredDocuments).toEqual(
      expect.arrayContaining(['debt-agreement', 'creditor-confirmation']),
    );
  });
});

type Mutation = [
  description: string,
  mutate: (raw: RawProgramme) => void,
  path: string,
  message: RegExp,
];

const mutations: Mutation[] = [
  [
    'a cap with more decimals than USD has',
    (raw) => (raw.channels[2].caps.perPaymentMax = '1.005'),
    'channels[2].caps.perPaymentMax',
    /more decimals than USD/,
  ],
  [
    'a cap as a JSON number',
    (raw) => (raw.channels[2].caps.perPaymentMax = 1000),
    'channels[2].caps.perPaymentMax',
    /string/,
  ],
  [
    'a negative cap',
    (raw) => (raw.channels[0].caps.perPeriodMax = '-5.00'),
    'channels[0].caps.perPeriodMax',
    /non-negative decimal/,
  ],
  [
    'a zero cap',
    (raw) => (raw.channels[0].caps.perPaymentMax = '0.00'),
    'channels[0].caps.perPaymentMax',
    /greater than zero/,
  ],
  [
    'a per-payment cap above the per-period cap',
    (raw) => (raw.channels[3].caps.perPaymentMax = '3000000.00'),
    'channels[3].caps.perPaymentMax',
    /larger than perPeriodMax/,
  ],
  [
    'an unknown cap currency',
    (raw) => (raw.channels[1].caps.currency = 'XYZ'),
    'channels[1].caps.currency',
    /unknown currency "XYZ"/,
  ],
  [
    'a lower-case currency',
    (raw) => (raw.channels[1].allowedCurrencies[0] = 'usd'),
    'channels[1].allowedCurrencies[0]',
    /ISO 4217/,
  ],
  [
    'an allowed currency with no rate to the cap currency',
    (raw) => raw.channels[0].allowedCurrencies.push('GBP'),
    'channels[0].allowedCurrencies[2]',
    /no reference rate between GBP and the cap currency USD/,
  ],
  [
    'a channel with no currencies',
    (raw) => (raw.channels[4].allowedCurrencies = []),
    'channels[4].allowedCurrencies',
    /at least one currency/,
  ],
  [
    'an unknown payee kind on a channel',
    (raw) => (raw.channels[5].eligiblePayeeKinds[1] = 'casino'),
    'channels[5].eligiblePayeeKinds[1]',
    /unknown payee kind "casino"/,
  ],
  [
    'an unknown document kind',
    (raw) => raw.channels[2].requiredDocuments.push('horoscope'),
    'channels[2].requiredDocuments[3]',
    /unknown document kind "horoscope"/,
  ],
  [
    'a misspelt key (strict objects)',
    (raw) => (raw.channels[0].caps.perPaymentMaximum = '1.00'),
    'channels[0].caps',
    /perPaymentMaximum/,
  ],
  [
    'a malformed HS code',
    (raw) => (raw.channels[1].goods.hsCodesAllowed[0] = '300'),
    'channels[1].goods.hsCodesAllowed[0]',
    /HS chapter/,
  ],
  [
    'a price band outside the allow-list',
    (raw) => (raw.channels[0].goods.priceBands[0].hsCode = '240110'),
    'channels[0].goods.priceBands[0].hsCode',
    /not on this channel's allow-list/,
  ],
  [
    'a price band minimum above its maximum',
    (raw) => (raw.channels[0].goods.priceBands[0].unitPriceMin = '500.00'),
    'channels[0].goods.priceBands[0].unitPriceMin',
    /above unitPriceMax/,
  ],
  [
    'a duplicate price band',
    (raw) => raw.channels[0].goods.priceBands.push({ ...raw.channels[0].goods.priceBands[0] }),
    'channels[0].goods.priceBands[8].hsCode',
    /duplicate band/,
  ],
  [
    'a debt channel naming a non-creditor',
    (raw) => (raw.channels[2].debt.debtorOfRecordPartyIds[0] = 'iq-mof'),
    'channels[2].debt.debtorOfRecordPartyIds[0]',
    /not a creditor/,
  ],
  [
    'a jurisdiction both eligible and excluded',
    (raw) => (raw.channels[3].excludedJurisdictions = ['IQ']),
    'channels[3].eligibleJurisdictions[0]',
    /both eligible and excluded/,
  ],
  [
    'a duplicate channel id',
    (raw) => (raw.channels[5].channelId = 'medicines'),
    'channels[5].channelId',
    /duplicate "medicines" \(also channels\[1\]\)/,
  ],
  [
    'a bad IBAN check digit',
    (raw) => (raw.parties[7].bankAccounts[0].iban = 'IQ99NBIQ850123456789012'),
    'parties[7].bankAccounts[0].iban',
    /check digits do not match/,
  ],
  [
    'an IBAN of the wrong length',
    (raw) => (raw.parties[7].bankAccounts[0].iban = 'IQ98NBIQ85012345678901'),
    'parties[7].bankAccounts[0].iban',
    /length/,
  ],
  [
    'a malformed BIC',
    (raw) => (raw.parties[4].identifiers[0].value = 'TRIQ1QBA'),
    'parties[4].identifiers[0].value',
    /invalid BIC/,
  ],
  [
    "an escrow BIC not the custodian's",
    (raw) => (raw.escrowAccount.bic = 'NBIQIQBA'),
    'escrowAccount.bic',
    /does not match the custodian's BIC/,
  ],
  [
    'an escrow held by a non-custodian',
    (raw) => (raw.escrowAccount.custodianPartyId = 'iq-mof'),
    'escrowAccount.custodianPartyId',
    /does not have the role "custodian"/,
  ],
  [
    'a creditor that is also a payee',
    (raw) => raw.parties[2].roles.push('payee'),
    'parties[2].roles',
    /creditor can never also be a payee/,
  ],
  [
    'a programme without an overseer',
    (raw) =>
      (raw.parties = raw.parties.filter(
        (party: RawProgramme) => !party.roles.includes('overseer'),
      )),
    'parties',
    /no party has the role "overseer"/,
  ],
  [
    'an Arabic-script name typed in Latin letters',
    (raw) => (raw.parties[0].names[1].text = 'Wizarat al-Kahraba'),
    'parties[0].names[1].text',
    /no Arab characters/,
  ],
  [
    'beneficial owners above 100%',
    (raw) => (raw.parties[7].beneficialOwners[1].sharePercent = '41'),
    'parties[7].beneficialOwners',
    /more than 100%/,
  ],
  [
    'a beneficial owner linked to an unknown party',
    (raw) => (raw.parties[7].beneficialOwners[0].partyId = 'nobody'),
    'parties[7].beneficialOwners[0].partyId',
    /unknown party "nobody"/,
  ],
  [
    'a payee with an unknown payee kind',
    (raw) => (raw.parties[8].payeeKinds = ['arms-dealer']),
    'parties[8].payeeKinds[0]',
    /unknown payee kind/,
  ],
  [
    'a bad country code',
    (raw) => (raw.parties[8].jurisdiction = 'Turkey'),
    'parties[8].jurisdiction',
    /ISO 3166/,
  ],
  [
    'a tariff supplied by a non-creditor',
    (raw) => (raw.tariffs[0].supplierPartyId = 'iq-tbi'),
    'tariffs[0].supplierPartyId',
    /not a creditor/,
  ],
  [
    'a tariff ending before it starts',
    (raw) => (raw.tariffs[1].validUntil = '2020-06-30'),
    'tariffs[1].validUntil',
    /ends \(2020-06-30\) before it starts/,
  ],
  [
    'overlapping tariffs',
    (raw) => (raw.tariffs[1].validFrom = '2020-12-01'),
    'tariffs[1].validFrom',
    /overlaps tariffs\[0\]/,
  ],
  [
    'a gas tariff in MWh',
    (raw) => (raw.tariffs[0].quantityUnit = 'MWh'),
    'tariffs[0].quantityUnit',
    /measures electricity, not gas/,
  ],
  [
    'an impossible date',
    (raw) => (raw.tariffs[0].validFrom = '2021-02-30'),
    'tariffs[0].validFrom',
    /calendar date/,
  ],
  [
    'a tariff not in the settlement currency',
    (raw) => (raw.tariffs[0].currency = 'EUR'),
    'tariffs[0].currency',
    /settlement currency USD/,
  ],
  [
    'approval tiers out of order',
    (raw) => (raw.approvalPolicy.tiers[2].fromAmount = '500000.00'),
    'approvalPolicy.tiers[2].fromAmount',
    /ascending/,
  ],
  [
    'a higher tier needing fewer approvals',
    (raw) => (raw.approvalPolicy.tiers[2].approvalsRequired = 1),
    'approvalPolicy.tiers[2].approvalsRequired',
    /fewer approvals/,
  ],
  [
    'a first tier not at zero',
    (raw) => (raw.approvalPolicy.tiers[0].fromAmount = '1.00'),
    'approvalPolicy.tiers[0].fromAmount',
    /start at 0/,
  ],
  [
    'zero approvals',
    (raw) => (raw.approvalPolicy.tiers[0].approvalsRequired = 0),
    'approvalPolicy.tiers[0].approvalsRequired',
    /at least 1 approval/,
  ],
  [
    'warnings not descending',
    (raw) => (raw.waiverPolicy.expiryWarningDaysBefore = [7, 14, 30]),
    'waiverPolicy.expiryWarningDaysBefore[1]',
    /descending/,
  ],
  [
    'a fractional waiver maximum',
    (raw) => (raw.legalBasis.waiverValidityDaysMax = 120.5),
    'legalBasis.waiverValidityDaysMax',
    /integer|int/,
  ],
  [
    'a waiver maximum outside the legal basis section',
    (raw) => (raw.waiverPolicy.validityDaysMax = 120),
    'waiverPolicy',
    /unrecognized|validityDaysMax/i,
  ],
  ['an unknown time zone', (raw) => (raw.timeZone = 'Mars/Olympus'), 'timeZone', /IANA time zone/],
  [
    'a rate with itself',
    (raw) => (raw.referenceRates[0].quote = 'USD'),
    'referenceRates[0].quote',
    /same/,
  ],
  ['a missing name', (raw) => delete raw.name, 'name', /string/],
];

describe('loading an invalid programme fails with path-named errors', () => {
  it.each(mutations)('%s', (_description, mutate, path, message) => {
    const raw = rawReferenceProgramme();
    mutate(raw);
    const issues = programmeIssues(raw);
    const issue = issues.find((entry) => entry.path === path);
    expect(issue, `issues were: ${JSON.stringify(issues)}`).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('collects every problem in one pass, and the error message lists them with their paths', () => {
    const raw = rawReferenceProgramme();
    raw.channels[0].caps.perPaymentMax = '1.001';
    raw.tariffs[0].supplierPartyId = 'nobody';
    let error: unknown;
    try {
      loadProgramme(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProgrammeInvalidError);
    const invalid = error as ProgrammeInvalidError;
    expect(invalid.code).toBe('programme.invalid');
    expect(invalid.issues.map((issue) => issue.path)).toEqual([
      'channels[0].caps.perPaymentMax',
      'tariffs[0].supplierPartyId',
    ]);
    expect(invalid.message).toContain('channels[0].caps.perPaymentMax: ');
    expect(invalid.field).toBe('channels[0].caps.perPaymentMax');
  });

  it('rejects text that is not JSON, and JSON that is not an object', () => {
    expect(() => loadProgrammeFromJsonText('{"programmeId": ')).toThrow(/not valid JSON/);
    expect(() => loadProgramme([])).toThrow(ProgrammeInvalidError);
  });
});

describe('a second programme in the same shape (nothing Iraq–Iran specific in code)', () => {
  it('loads the Qatar humanitarian channel example with its own currencies, tiers and waiver maximum', () => {
    const text = readFileSync(
      resolve(dirname(referenceProgrammePath), 'qatar-humanitarian-channel.example.json'),
      'utf8',
    );
    const programme = loadProgrammeFromJsonText(text);
    expect(programme.settlementCurrency).toBe('EUR');
    expect(programme.channels.map((channel) => channel.channelId)).toEqual(['food', 'medical']);
    expect(programme.approvalPolicy.tiers[1]).toMatchObject({
      fromMinor: 500_000_000n,
      approvalsRequired: 3,
      overseerNonObjectionRequired: true,
    });
    expect(programme.waiverPolicy).toMatchObject({ renewalOverlap: 'forbid' });
    expect(programme.legalBasis.waiverValidityDaysMax).toBe(180);
    expect(programme.tariffs).toEqual([]);
  });
});
