import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { referenceProgramme } from './fixtures.test-support.js';
import { beneficiaryFindings, type BeneficiaryAccount } from './beneficiary-account.js';
import { ibanCheckDigits } from './party-identifiers.js';
import { findChannel } from './programme.js';

const programme = referenceProgramme();
const pilgrims = findChannel(programme, 'pilgrims')!;
const good: BeneficiaryAccount = {
  iban: 'IQ93RDBA100000008899112',
  bic: 'RDBAIQBA',
  bankName: 'Rafidain Bank',
  bankCountry: 'IQ',
};
const codes = (account: BeneficiaryAccount | undefined) =>
  beneficiaryFindings(programme, pilgrims, account).map((finding) => finding.code);

describe('beneficiary account', () => {
  it('accepts a valid IBAN at a bank of an allowed country, or an account number with a BIC', () => {
    expect(codes(good)).toEqual([]);
    expect(
      codes({
        accountNumber: '0012345678',
        bic: 'RDBAIQBA',
        bankName: 'Rafidain Bank',
        bankCountry: 'IQ',
      }),
    ).toEqual([]);
  });

  it('is required, and needs exactly one of IBAN or account number', () => {
    expect(codes(undefined)).toEqual(['account.missing']);
    expect(codes({ bic: 'RDBAIQBA', bankName: 'Rafidain Bank', bankCountry: 'IQ' })).toEqual([
      'account.number_ambiguous',
    ]);
    expect(codes({ ...good, accountNumber: '1' })).toEqual(['account.number_ambiguous']);
  });

  it('checks IBAN check digits (ISO 13616 mod-97) and the country length, and the BIC format (ISO 9362)', () => {
    expect(codes({ ...good, iban: 'IQ94RDBA100000008899112' })).toEqual(['account.iban_invalid']);
    expect(codes({ ...good, iban: 'IQ93RDBA10000000889911' })).toEqual(['account.iban_invalid']);
    expect(codes({ ...good, bic: 'RDBA-IQ' })).toEqual(['account.bic_invalid']);
    expect(codes({ ...good, bankCountry: 'AE' })).toEqual(['account.bank_country_mismatch']);
  });

  it('refuses a bank in an excluded country, from the BIC or the IBAN, and an excluded bank name', () => {
    const iranian: BeneficiaryAccount = {
      iban: 'IR560170000001234567890010',
      bic: 'BMJIIRTH',
      bankName: 'Bank Melli Iran',
      bankCountry: 'IR',
    };
    expect(codes(iranian)).toEqual(
      expect.arrayContaining(['account.bank_country_excluded', 'account.bank_name_excluded']),
    );
    expect(
      codes({ accountNumber: '12345', bic: 'BMJIIRTH', bankName: 'Some Bank', bankCountry: 'IR' }),
    ).toContain('account.bank_country_excluded');
    expect(codes({ ...good, iban: 'IR560170000001234567890010' })).toEqual(
      expect.arrayContaining(['account.bank_country_mismatch', 'account.bank_country_excluded']),
    );
  });

  it('any single changed digit of a valid IBAN is caught (property)', () => {
    const bban = 'RDBA100000008899112';
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 22 }),
        fc.integer({ min: 1, max: 9 }),
        (position, delta) => {
          const iban = `IQ${ibanCheckDigits('IQ', bban)}${bban}`;
          const digit = iban[position]!;
          if (!/\d/.test(digit)) return;
          const changed =
            iban.slice(0, position) +
            String((Number(digit) + delta) % 10) +
            iban.slice(position + 1);
          expect(codes({ ...good, iban: changed })).toContain('account.iban_invalid');
        },
      ),
    );
  });
});
