// The workflow's view of sanctions screening: parties in, hits out. The real engine
// (src/screening/engine.ts) plugs in behind this port without the workflow changing; until it is
// wired, the app uses ManualReviewScreening and tests use ScriptedScreening, both explicit.
import type { Party, PartyName } from '../programme/programme.js';

export interface ScreeningSubject {
  /** the party screened, or the party whose beneficial owner this is */
  readonly partyId: string;
  readonly role: 'payee' | 'beneficial-owner';
  readonly names: readonly PartyName[];
  readonly jurisdiction: string | undefined;
  /** evidence beside the name, when the party record has it (the engine weighs each; see docs/screening.md) */
  readonly kind?: 'person' | 'entity' | 'unknown';
  readonly nationality?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  readonly birthDate?: string;
  readonly identifiers?: ReadonlyArray<{ readonly type: string; readonly value: string }>;
}

export interface ScreeningHit {
  readonly partyId: string;
  /** the subject's name that matched */
  readonly subjectName: string;
  /** the listed name it matched, and where that list entry comes from */
  readonly listedName: string;
  readonly listEntryId: string;
  /** 0–1 */
  readonly score: number;
  readonly explanation: string;
}

export interface ScreeningPort {
  screen(subjects: readonly ScreeningSubject[]): Promise<readonly ScreeningHit[]>;
}

export const screeningSubjectsMax = 100;

/** A payee and its beneficial owners: an owner on a list taints the payment as much as the payee. */
export function screeningSubjectsFor(payee: Party): ScreeningSubject[] {
  const subjects: ScreeningSubject[] = [
    // the payee's kind and identifiers are evidence; its jurisdiction is residence or
    // registration, not nationality, so it is not passed as such
    {
      partyId: payee.partyId,
      role: 'payee',
      names: payee.names,
      jurisdiction: payee.jurisdiction,
      kind: payee.kind === 'person' ? 'person' : 'entity',
      identifiers: payee.identifiers.map((id) => ({ type: id.type, value: id.value })),
    },
    ...payee.beneficialOwners.map((owner) => ({
      partyId: payee.partyId,
      role: 'beneficial-owner' as const,
      names: owner.names,
      jurisdiction: owner.nationality,
      nationality: owner.nationality,
    })),
  ];
  if (subjects.length > screeningSubjectsMax) throw new RangeError(`at most ${screeningSubjectsMax} screening subjects per payee`);
  return subjects;
}
