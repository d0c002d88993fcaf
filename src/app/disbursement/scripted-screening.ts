import { DomainError } from '../../core/domain-error.js';
import { gateRefusal } from '../screening-service/gate-refusal.js';
import type { StoreSession } from '../ports/store-port.js';
import type {
  GateAssessment,
  ScreeningHit,
  ScreeningPort,
  ScreeningSubject,
} from '../ports/screening-port.js';

/**
 * Test double, named as such: returns the hits it was given for the party ids it was given and
 * clear for everyone else, and remembers what it was asked. At the money steps it blocks the
 * party ids in `blockedNow` (a test's "list update") and whatever the store holds against them.
 */
export class ScriptedScreening implements ScreeningPort {
  readonly calls: (readonly ScreeningSubject[])[] = [];
  readonly blockedNow = new Set<string>();
  constructor(
    private readonly hitsByPartyId: Readonly<Record<string, readonly ScreeningHit[]>> = {},
  ) {}

  async screen(subjects: readonly ScreeningSubject[]): Promise<readonly ScreeningHit[]> {
    this.calls.push(subjects);
    const partyIds = new Set(subjects.map((subject) => subject.partyId));
    return [...partyIds].flatMap((partyId) => this.hitsByPartyId[partyId] ?? []);
  }

  async assess(subjects: readonly ScreeningSubject[]): Promise<GateAssessment> {
    return { subjects, snapshotKey: [...this.blockedNow].sort().join(','), fresh: new Map() };
  }

  async verify(
    tx: StoreSession,
    assessment: GateAssessment,
    requestedBy: string,
  ): Promise<DomainError | undefined> {
    const blocked = assessment.subjects.filter((subject) => this.blockedNow.has(subject.partyId));
    if (blocked.length > 0)
      return new DomainError(
        'screening.party_blocked',
        `scripted block on ${blocked.map((subject) => subject.partyId).join(', ')}`,
        { field: 'payeePartyId' },
      );
    return gateRefusal(tx, assessment.subjects, requestedBy);
  }
}

export function scriptedHit(partyId: string, listedName: string): ScreeningHit {
  return {
    partyId,
    subjectName: partyId,
    listedName,
    listEntryId: `test:${listedName}`,
    score: 0.93,
    explanation: 'scripted by the test',
  };
}
