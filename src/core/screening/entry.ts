// The shape every list importer produces and the matcher consumes. Kept in one small file so the
// importers (screening/lists/) and the matcher (screening/) can evolve independently.

export type ListSource = 'ofac-sdn' | 'ofac-cons' | 'un' | 'eu';
export type PartyKind = 'person' | 'entity' | 'vessel' | 'aircraft' | 'unknown';

export interface ListedName {
  /** as published, including original script where the list has it */
  readonly text: string;
  /** primary name, alias (a.k.a.), weak alias / low quality, formerly known as, original script */
  readonly kind: 'primary' | 'alias' | 'weak-alias' | 'former' | 'original-script';
}

export interface ListedIdentifier {
  /** e.g. "Passport", "National ID No.", "SWIFT/BIC", "IMO", "Registration Number" */
  readonly type: string;
  readonly value: string;
  readonly country?: string;
}

export interface ListEntry {
  readonly source: ListSource;
  /** OFAC ent_num, UN REFERENCE_NUMBER, EU logical id: stable across snapshots */
  readonly entryId: string;
  readonly kind: PartyKind;
  readonly names: readonly ListedName[];
  /** ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) as the list gives them */
  readonly birthDates: readonly string[];
  readonly nationalities: readonly string[];
  /** places of birth as printed ("Mashhad, Iran"); optional because not every list gives them */
  readonly birthPlaces?: readonly string[];
  readonly identifiers: readonly ListedIdentifier[];
  readonly programmes: readonly string[];
  readonly remarks?: string;
}
