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
/**
 * A birth year this far from every listed one is another person's, not an approximate or
 * mistyped year: a namesake (the same common name, born years apart) is cleared. The penalty is
 * larger than the distance from a perfect name score to the default bar (1 − 0.78), so an
 * identical name with such a birth date stays under the bar; OFAC's guidance reads a differing
 * date of birth the same way. A year 2–4 off (a mistyped or estimated year) keeps the smaller
 * penalty and a close name still alerts.
 */
export const birthYearFarYears = 5;
export const birthYearFarPenalty = 0.25;
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
    const gapYears = Math.min(...listedYears.map((y) => Math.abs(y - queryYear)));
    const agrees = gapYears <= birthYearToleranceYears;
    const far = gapYears >= birthYearFarYears;
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
            delta: -(far ? birthYearFarPenalty : birthYearMismatchPenalty),
            detail: `birth year ${queryYear} differs from ${entry.birthDates.join(', ')}${far ? ` by ${gapYears} years: another person` : ''}`,
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
