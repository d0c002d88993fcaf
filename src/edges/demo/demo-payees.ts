// Payees the generated demo adds to the reference programme's own, chosen so that screening has
// real work: two whose name or owner is a listed party in another spelling or script (compliance
// decides them true matches and the payment is rejected), and two whose owner only shares a
// common name with a listed person (decided false positives). Invented companies and people.
import { ibanFor } from './seeded-random.js';

const name = (text: string, script: 'Latn' | 'Arab', language: string) => ({
  text,
  script,
  language,
  kind: 'primary',
});
const registration = (value: string) => [
  { type: 'registration-number', value, issuer: 'IQ Companies Registration Department' },
];
const rafidainAccount = (accountDigits: string) => [
  { iban: ibanFor('IQ', `RDBA100${accountDigits}`), bic: 'RDBAIQBA', currency: 'IQD' },
];

export const demoPayees = [
  {
    partyId: 'zair-transport-karbala',
    roles: ['payee'],
    kind: 'company',
    jurisdiction: 'IQ',
    names: [
      name('Al-Zair Passenger Transport Company', 'Latn', 'en'),
      name('شركة الزائر لنقل المسافرين', 'Arab', 'ar'),
    ],
    identifiers: registration('KRB-2017-031877'),
    bankAccounts: rafidainAccount('000000310021'),
    beneficialOwners: [
      { names: [name('ماهان ایر', 'Arab', 'fa')], nationality: 'IR', sharePercent: '51' },
    ],
    payeeKinds: ['transport-operator'],
    notes:
      'Invented demo company carrying pilgrims between Karbala and Najaf. Its majority owner is declared in Persian script as ماهان ایر, the airline the OFAC SDN list carries as MAHAN AIR: a true match.',
  },
  {
    partyId: 'anbiya-construction-iq',
    roles: ['payee'],
    kind: 'company',
    jurisdiction: 'IQ',
    names: [name('Khatam Al-Anbiya Construction - Iraq Office', 'Latn', 'en')],
    identifiers: registration('BGD-FB-2018-00912'),
    bankAccounts: rafidainAccount('000000310022'),
    payeeKinds: ['creditor-country-company-in-debtor-country'],
    notes:
      'Invented demo branch whose name is a spelling of KHATAM AL-ANBYA on the OFAC SDN list: a true match.',
  },
  {
    partyId: 'dar-alzahraa-hotel',
    roles: ['payee'],
    kind: 'company',
    jurisdiction: 'IQ',
    names: [
      name('Dar Al-Zahraa Hotel Karbala', 'Latn', 'en'),
      name('فندق دار الزهراء كربلاء', 'Arab', 'ar'),
    ],
    identifiers: registration('KRB-2009-004410'),
    bankAccounts: rafidainAccount('000000310023'),
    beneficialOwners: [
      { names: [name('Abbas Hussein', 'Latn', 'en')], nationality: 'IQ', sharePercent: '100' },
    ],
    payeeKinds: ['hotel'],
    notes:
      'Invented demo hotel; its owner shares only a very common name with listed persons: a false positive.',
  },
  {
    partyId: 'najaf-ashraf-transport',
    roles: ['payee'],
    kind: 'company',
    jurisdiction: 'IQ',
    names: [
      name('Najaf Al-Ashraf Coach Company', 'Latn', 'en'),
      name('شركة النجف الأشرف للنقل', 'Arab', 'ar'),
    ],
    identifiers: registration('NJF-2014-011290'),
    bankAccounts: rafidainAccount('000000310024'),
    beneficialOwners: [
      { names: [name('Mohammad Hosseini', 'Latn', 'en')], nationality: 'IQ', sharePercent: '100' },
    ],
    payeeKinds: ['transport-operator'],
    notes:
      'Invented demo coach operator; its owner shares only a common name with listed persons: a false positive.',
  },
] as const;

/** Postal addresses for the payees above (the pain.001 builder names every party's town). */
export const demoPayeeAddresses = [
  {
    partyId: 'zair-transport-karbala',
    streetName: 'Bab Baghdad Street',
    postCode: '56001',
    townName: 'Karbala',
    country: 'IQ',
  },
  {
    partyId: 'anbiya-construction-iq',
    streetName: 'Arasat Street',
    postCode: '10070',
    townName: 'Baghdad',
    country: 'IQ',
  },
  {
    partyId: 'dar-alzahraa-hotel',
    streetName: 'Al-Abbas Street',
    postCode: '56001',
    townName: 'Karbala',
    country: 'IQ',
  },
  {
    partyId: 'najaf-ashraf-transport',
    streetName: 'Al-Rasool Street',
    postCode: '54001',
    townName: 'Najaf',
    country: 'IQ',
  },
];

/** Bank names by BIC, for the beneficiary accounts the demo's requests carry. */
export const bankNames: Readonly<Record<string, { name: string; country: string }>> = {
  TRIQIQBA: { name: 'Trade Bank of Iraq', country: 'IQ' },
  RDBAIQBA: { name: 'Rafidain Bank', country: 'IQ' },
  NBIQIQBA: { name: 'National Bank of Iraq', country: 'IQ' },
  TGBATRIS: { name: 'Garanti BBVA', country: 'TR' },
  UBSWCHZH80A: { name: 'UBS Switzerland', country: 'CH' },
  COBADEFFXXX: { name: 'Commerzbank', country: 'DE' },
  BOMLAEAD: { name: 'Mashreqbank', country: 'AE' },
};
