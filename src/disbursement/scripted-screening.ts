import type { ScreeningHit, ScreeningPort, ScreeningSubject } from './screening-port.js';

/**
 * Test double, named as such: returns the hits it was given for the party ids it was given and
 * clear for everyone else, and remembers what it was asked.
 */
export class ScriptedScreening implements ScreeningPort {
  readonly calls: (readonly ScreeningSubject[])[] = [];
  constructor(private readonly hitsByPartyId: Readonly<Record<string, readonly ScreeningHit[]>> = {}) {}

  async screen(subjects: readonly ScreeningSubject[]): Promise<readonly ScreeningHit[]> {
    this.calls.push(subjects);
    const partyIds = new Set(subjects.map((subject) => subject.partyId));
    return [...partyIds].flatMap((partyId) => this.hitsByPartyId[partyId] ?? []);
  }
}

export function scriptedHit(partyId: string, listedName: string): ScreeningHit {
  return { partyId, subjectName: partyId, listedName, listEntryId: `test:${listedName}`, score: 0.93, explanation: 'scripted by the test' };
}
