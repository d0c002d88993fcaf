// The workflow's subjects become screened parties with their evidence: kind, nationality, birth
// date and identifiers reach the engine when the subject has them, and nothing is guessed.
import { describe, expect, it } from 'vitest';
import type { ScreeningSubject } from '../ports/screening-port.js';
import { ownerPartyId, partiesForSubjects } from './engine-screening-port.js';

const name = (text: string) => ({
  text,
  script: 'Latn' as const,
  language: 'en',
  kind: 'primary' as const,
});

describe('partiesForSubjects', () => {
  it('carries each subject’s kind, nationality, birth date and identifiers as evidence', () => {
    const payee: ScreeningSubject = {
      partyId: 'p1',
      role: 'payee',
      names: [name('Basra Power Co')],
      jurisdiction: 'IQ',
      kind: 'entity',
      identifiers: [{ type: 'registration-number', value: 'IQ-12345' }],
    };
    const owner: ScreeningSubject = {
      partyId: 'p1',
      role: 'beneficial-owner',
      names: [name('Ali Hassan')],
      jurisdiction: 'IQ',
      nationality: 'IQ',
      birthDate: '1971',
    };
    const parties = partiesForSubjects([payee, owner]);
    const byId = new Map(parties.map((party) => [party.partyId, party]));
    expect(byId.get('p1')).toMatchObject({
      kind: 'entity',
      identifiers: [{ type: 'registration-number', value: 'IQ-12345' }],
    });
    expect(byId.get('p1')!.nationality).toBeUndefined();
    expect(byId.get(ownerPartyId('p1', owner))).toMatchObject({
      kind: 'unknown',
      nationality: 'IQ',
      birthDate: '1971',
      identifiers: [],
    });
  });

  it('tells the engine "unknown" and no facts when the subject carries none', () => {
    const [party] = partiesForSubjects([
      { partyId: 'p2', role: 'payee', names: [name('X')], jurisdiction: undefined },
    ]);
    expect(party).toMatchObject({ kind: 'unknown', identifiers: [] });
    expect(party!.birthDate).toBeUndefined();
    expect(party!.nationality).toBeUndefined();
  });
});
