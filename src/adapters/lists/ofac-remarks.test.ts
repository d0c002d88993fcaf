import { describe, expect, it } from 'vitest';
import { parseOfacRemarks, readIdentifier } from './ofac-remarks.js';

describe('parseOfacRemarks', () => {
  it('reads the facts of a real SDN remark (ent_num 13107, GHANI, Esmail)', () => {
    const facts = parseOfacRemarks(
      'DOB 08 Aug 1957; POB Mashhad, Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Passport D9003033 (Iran); alt. Passport D9008347 (Iran) issued 18 Jul 2010 expires 18 Jul 2015.',
    );
    expect(facts.birthDates).toEqual(['1957-08-08']);
    expect(facts.birthPlaces).toEqual(['Mashhad, Iran']);
    expect(facts.identifiers).toEqual([
      { type: 'Passport', value: 'D9003033', country: 'Iran' },
      { type: 'Passport', value: 'D9008347', country: 'Iran' },
    ]);
  });

  it('reads nationality, citizenship, alternatives, circa and ranges', () => {
    const facts = parseOfacRemarks(
      'DOB circa 1951; alt. DOB 1956 to 1958; nationality Korea, North; alt. citizen Iran; Gender Male',
    );
    expect(facts.birthDates).toEqual(['1951', '1956', '1957', '1958']);
    expect(facts.nationalities).toEqual(['Korea, North', 'Iran']);
  });

  it('takes quoted a.k.a.s in remarks as weak aliases and f.k.a.s as former names', () => {
    const facts = parseOfacRemarks(
      "a.k.a. 'BNC'; f.k.a. 'KYONGYONG CREDIT BANK'; n.k.a. 'ABU 'ALI'.",
    );
    expect(facts.weakAliases).toEqual(['BNC', "ABU 'ALI"]);
    expect(facts.formerNames).toEqual(['KYONGYONG CREDIT BANK']);
  });

  it("unwraps OFAC's doubled quotes but keeps a leading ayn apostrophe (real SDN remarks)", () => {
    expect(parseOfacRemarks("a.k.a. ''FOOPIE''; a.k.a. ''ABD AL-MUHSI'").weakAliases).toEqual([
      'FOOPIE',
      "'ABD AL-MUHSI",
    ]);
  });

  it('gives nothing for an empty remark', () => {
    expect(parseOfacRemarks('')).toEqual({
      birthDates: [],
      birthPlaces: [],
      nationalities: [],
      identifiers: [],
      weakAliases: [],
      formerNames: [],
    });
  });
});

describe('readIdentifier', () => {
  it.each([
    ['Vessel Registration Identification IMO 7406784', { type: 'IMO', value: '7406784' }],
    ['Identification Number IMO 5342883', { type: 'IMO', value: '5342883' }],
    ['SWIFT/BIC HAVIGB2L', { type: 'SWIFT/BIC', value: 'HAVIGB2L' }],
    ['MMSI 572469210', { type: 'MMSI', value: '572469210' }],
    [
      'National ID No. 216040 (Yemen)',
      { type: 'National ID No.', value: '216040', country: 'Yemen' },
    ],
    [
      'C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968',
      { type: 'C.U.R.P.', value: 'AIMM67125HCHRRG06', country: 'Mexico' },
    ],
    [
      'Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h',
      { type: 'Digital Currency Address - XBT', value: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
    ],
    [
      "Driver's License No. 04900377 (Moldova) issued 02 Jul 2004",
      { type: "Driver's License No.", value: '04900377', country: 'Moldova' },
    ],
    ['Linked To: MAHAN AIR', null],
    ['Organization Established Date 1969', null],
  ])('%s', (text, expected) => expect(readIdentifier(text)).toEqual(expected));

  it('reads a SWIFT/BIC code even when it is all letters', () => {
    expect(readIdentifier('SWIFT/BIC BKIDIRTH')).toEqual({ type: 'SWIFT/BIC', value: 'BKIDIRTH' });
    expect(readIdentifier('SWIFT/BIC MELIIRTH001')).toEqual({
      type: 'SWIFT/BIC',
      value: 'MELIIRTH001',
    });
  });
});
