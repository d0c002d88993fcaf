// Nationality evidence compares countries, not spellings: the workflow's ISO codes (IQ) against
// the lists' names (Iraq, "Korea, North", "Iran (Islamic Republic of)").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryCode, sameCountry } from './country.js';
import type { ListEntry } from './entry.js';
import { nationalityMatchBonus, nationalityMismatchPenalty, weighEvidence } from './evidence.js';

const listed = (nationalities: string[]): ListEntry => ({
  source: 'un',
  entryId: '1',
  kind: 'person',
  names: [{ text: 'X', kind: 'primary' }],
  birthDates: [],
  nationalities,
  identifiers: [],
  programmes: [],
});

describe('countryCode', () => {
  it('reads codes and the names the lists print as one code', () => {
    expect(countryCode('IQ')).toBe('IQ');
    expect(countryCode('iq')).toBe('IQ');
    expect(countryCode('Iraq')).toBe('IQ');
    expect(countryCode('Korea, North')).toBe('KP');
    expect(countryCode("Democratic People's Republic of Korea")).toBe('KP');
    expect(countryCode('Iran (Islamic Republic of)')).toBe('IR');
    expect(countryCode('Burma')).toBe('MM');
    expect(countryCode('Bosnia and Herzegovina')).toBe('BA');
    expect(countryCode('Saint Kitts and Nevis')).toBe('KN');
    expect(countryCode('Atlantis')).toBeUndefined();
    expect(countryCode('QQ')).toBeUndefined();
  });

  it('every code that names a country is the same country as its English name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const letter = fc.integer({ min: 65, max: 90 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(letter, letter, (a, b) => {
        const code = a + b;
        fc.pre(countryCode(code) !== undefined);
        expect(sameCountry(code, names.of(code)!)).toBe(true);
      }),
    );
  });
});

describe('nationality evidence', () => {
  it('supports a hit when the code names the listed country, contradicts it otherwise', () => {
    const agree = weighEvidence({ kind: 'person', nationality: 'IQ' }, listed(['Iraq']));
    expect(agree).toEqual([
      expect.objectContaining({
        fact: 'nationality',
        effect: 'supports',
        delta: nationalityMatchBonus,
      }),
    ]);
    const differ = weighEvidence({ kind: 'person', nationality: 'IR' }, listed(['Iraq']));
    expect(differ).toEqual([
      expect.objectContaining({
        fact: 'nationality',
        effect: 'contradicts',
        delta: -nationalityMismatchPenalty,
      }),
    ]);
    const listSpelling = weighEvidence(
      { kind: 'person', nationality: 'KP' },
      listed(['Korea, North']),
    );
    expect(listSpelling[0]!.effect).toBe('supports');
  });

  it('still compares unknown country names by their letters', () => {
    expect(
      weighEvidence({ kind: 'person', nationality: 'Region: Gaza' }, listed(['Region: Gaza']))[0]!
        .effect,
    ).toBe('supports');
  });
});
