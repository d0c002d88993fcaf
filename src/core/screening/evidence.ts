// Facts other than the name that support or contradict a hit, when the query has them. They
// adjust a name score; they never create a hit on their own except an identical identifier.
import { sameCountry } from './country.js';
import type { ListEntry, PartyKind } from './entry.js';

export type QueryKind = 'person' | 'entity' | 'unknown';

export interface QueryFacts {
  readonly kind: QueryKind;
  readonly birthDate?: string;
  readonly nationality?: string;
  readonly identifiers?: ReadonlyArray<{ readonly type: string; readonly value: string }>;
}

export interface EvidenceNote {
  readonly fact: 'kind' | 'birth-date' | 'nationality' | 'identifier';
  readonly effect: 'supports' | 'contradicts';
  /** added to the score (negative = penalty) */
  readonly delta: number;
  readonly detail: string;
}

/** A person screened against an organisation (or the reverse) is penalised, not excluded: lists mis-type entries. */
export const kindMismatchPenalty = 0.08;
export const birthYearMatchBonus = 0.04;
export const birthYearMismatchPenalty = 0.12;
/** Lists give approximate years ("circa 1965"); a year off by this much still agrees. */
export const birthYearToleranceYears = 1;
export const nationalityMatchBonus = 0.02;
export const nationalityMismatchPenalty = 0.05;
export const identifierMatchBonus = 0.25;

function entryIsPerson(kind: PartyKind): boolean | undefined {
  if (kind === 'person') return true;
  if (kind === 'unknown') return undefined;
  return false;
}

function year(date: string): number | undefined {
  const match = /^(\d{4})/.exec(date.trim());
  return match === null ? undefined : Number(match[1]);
}

function identifierKey(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
}

export function weighEvidence(query: QueryFacts, entry: ListEntry): EvidenceNote[] {
  const notes: EvidenceNote[] = [];
  const isPerson = entryIsPerson(entry.kind);
  if (
    query.kind !== 'unknown' &&
    isPerson !== undefined &&
    (query.kind === 'person') !== isPerson
  ) {
    notes.push({
      fact: 'kind',
      effect: 'contradicts',
      delta: -kindMismatchPenalty,
      detail: `query is a ${query.kind}, listed entry is a ${entry.kind}`,
    });
  }
  const queryYear = query.birthDate === undefined ? undefined : year(query.birthDate);
  const listedYears = entry.birthDates.map(year).filter((y): y is number => y !== undefined);
  if (queryYear !== undefined && listedYears.length > 0) {
    const agrees = listedYears.some((y) => Math.abs(y - queryYear) <= birthYearToleranceYears);
    notes.push(
      agrees
        ? {
            fact: 'birth-date',
            effect: 'supports',
            delta: birthYearMatchBonus,
            detail: `birth year ${queryYear} agrees with ${entry.birthDates.join(', ')}`,
          }
        : {
            fact: 'birth-date',
            effect: 'contradicts',
            delta: -birthYearMismatchPenalty,
            detail: `birth year ${queryYear} differs from ${entry.birthDates.join(', ')}`,
          },
    );
  }
  if (query.nationality !== undefined && entry.nationalities.length > 0) {
    const wanted = query.nationality;
    const agrees = entry.nationalities.some((n) => sameCountry(n, wanted));
    notes.push(
      agrees
        ? {
            fact: 'nationality',
            effect: 'supports',
            delta: nationalityMatchBonus,
            detail: `nationality ${query.nationality} is listed`,
          }
        : {
            fact: 'nationality',
            effect: 'contradicts',
            delta: -nationalityMismatchPenalty,
            detail: `nationality ${query.nationality} is not among ${entry.nationalities.join(', ')}`,
          },
    );
  }
  const listedIds = new Set(
    entry.identifiers.map((id) => identifierKey(id.value)).filter((key) => key.length >= 4),
  );
  const sharedId = (query.identifiers ?? []).find((id) => listedIds.has(identifierKey(id.value)));
  if (sharedId !== undefined) {
    notes.push({
      fact: 'identifier',
      effect: 'supports',
      delta: identifierMatchBonus,
      detail: `${sharedId.type} ${sharedId.value} is listed for this entry`,
    });
  }
  return notes;
}
