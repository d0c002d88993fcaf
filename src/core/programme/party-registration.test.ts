import { describe, expect, it } from 'vitest';
import { domainErrorOf, referenceProgramme } from './fixtures.test-support.js';
import { parsePayeeRegistration } from './party-registration.js';
import { checkDisbursementAgainstChannel } from './channel-rules.js';

const programme = referenceProgramme();
const basra = {
  partyId: 'basra-grain',
  roles: ['payee'],
  kind: 'company',
  jurisdiction: 'IQ',
  names: [
    { text: 'Basra Grain Company', script: 'Latn', language: 'en' },
    { text: 'شركة البصرة للحبوب', script: 'Arab', language: 'ar' },
  ],
  bankAccounts: [{ iban: 'IQ98NBIQ850123456789012', bic: 'NBIQIQBA' }],
  beneficialOwners: [
    {
      names: [{ text: 'Salim Hamid', script: 'Latn', language: 'en' }],
      nationality: 'IQ',
      sharePercent: '100',
    },
  ],
  payeeKinds: ['food-supplier'],
};

describe('parsePayeeRegistration', () => {
  it('registers a payee that the channel rules then accept as a party', () => {
    const party = parsePayeeRegistration(programme, basra);
    expect(party.beneficialOwners[0]!.sharePercent).toEqual({ mantissa: 100n, scale: 0 });
    const result = checkDisbursementAgainstChannel(
      programme,
      'pilgrims',
      {
        payeePartyId: 'basra-grain',
        amountMinor: 100n,
        currency: 'USD',
        valueDate: '2021-05-01',
        purpose: 'x',
        documents: [],
      },
      { currency: 'USD', committedMinor: 0n },
      [party],
    );
    expect(result.violations.map((finding) => finding.code)).toContain(
      'channel.payee_kind_not_allowed',
    );
    expect(result.violations.map((finding) => finding.code)).not.toContain('party.unknown');
  });

  it('names the bad field and refuses other roles, known ids and unknown payee kinds', () => {
    expect(
      domainErrorOf(() =>
        parsePayeeRegistration(programme, {
          ...basra,
          bankAccounts: [{ iban: 'IQ99NBIQ850123456789012', bic: 'NBIQIQBA' }],
        }),
      ).field,
    ).toBe('party.bankAccounts[0].iban');
    expect(
      domainErrorOf(() => parsePayeeRegistration(programme, { ...basra, roles: ['creditor'] }))
        .code,
    ).toBe('party.role_not_allowed');
    expect(
      domainErrorOf(() => parsePayeeRegistration(programme, { ...basra, partyId: 'ir-nigc' })).code,
    ).toBe('party.duplicate');
    expect(
      domainErrorOf(() => parsePayeeRegistration(programme, { ...basra, payeeKinds: ['bank'] }))
        .field,
    ).toBe('party.payeeKinds[0]');
    expect(
      domainErrorOf(() =>
        parsePayeeRegistration(programme, {
          ...basra,
          names: [{ text: 'Basra', script: 'Arab', language: 'ar' }],
        }),
      ).message,
    ).toMatch(/party.names\[0\].text: "Basra" contains no Arab characters/);
  });
});
