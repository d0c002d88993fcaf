// Where each programme party stands with screening, for the parties pages: the party itself, its
// beneficial owners and its beneficiary banks, each as the workflow screens them (the same
// subjects and derived party ids as a disbursement), with the verdict its active hits give.
import type { Party, Programme } from '../../core/programme/programme.js';
import type { StoredHit } from '../../core/screening-review/screening-hit.js';
import type { InstantUs } from '../../core/time/instant.js';
import { screeningSubjectsFor, type ScreeningSubject } from '../ports/screening-port.js';
import type { StoreSession } from '../ports/store-port.js';
import { subjectPartyId } from './engine-screening-port.js';

/**
 * Worst first: a confirmed match, an open hit, then a subject never screened (a party whose owner
 * was never screened is not clear), a hit cleared as a false positive, and clear.
 */
export const screeningStatuses = [
  'true_match',
  'open',
  'not_screened',
  'false_positive',
  'clear',
] as const;
export type ScreeningStatus = (typeof screeningStatuses)[number];

export interface SubjectScreening {
  readonly role: ScreeningSubject['role'];
  readonly screenedPartyId: string;
  readonly names: ScreeningSubject['names'];
  readonly status: ScreeningStatus;
  /** when it was last screened; null if never */
  readonly screenedAtUs: InstantUs | null;
  readonly hitIds: readonly string[];
}

export interface PartyScreening {
  readonly partyId: string;
  /** the worst status among the party's subjects */
  readonly status: ScreeningStatus;
  readonly subjects: readonly SubjectScreening[];
}

/** A subject's status from its active hits; pure. */
export function statusOfHits(
  hits: readonly Pick<StoredHit, 'status'>[],
  screened: boolean,
): ScreeningStatus {
  if (hits.some((hit) => hit.status === 'true_match')) return 'true_match';
  if (hits.some((hit) => hit.status === 'open')) return 'open';
  if (hits.length > 0) return 'false_positive';
  return screened ? 'clear' : 'not_screened';
}

export const worstStatus = (statuses: readonly ScreeningStatus[]): ScreeningStatus =>
  screeningStatuses.find((status) => statuses.includes(status)) ?? 'not_screened';

export async function partyScreening(
  session: Pick<StoreSession, 'screening'>,
  programme: Programme,
  parties: readonly Party[],
): Promise<PartyScreening[]> {
  const subjectsOf = new Map(
    parties.map((party) => [party.partyId, screeningSubjectsFor(party, { programme })]),
  );
  const ids = [...new Set([...subjectsOf.values()].flat().map(subjectPartyId))];
  const [hits, stored] = await Promise.all([
    session.screening.activeHitsForParties(ids),
    session.screening.getParties(ids),
  ]);
  const hitsOf = new Map<string, StoredHit[]>();
  for (const hit of hits) hitsOf.set(hit.partyId, [...(hitsOf.get(hit.partyId) ?? []), hit]);
  return parties.map((party) => {
    const subjects = (subjectsOf.get(party.partyId) ?? []).map((subject): SubjectScreening => {
      const screenedPartyId = subjectPartyId(subject);
      const own = hitsOf.get(screenedPartyId) ?? [];
      const record = stored.get(screenedPartyId);
      return {
        role: subject.role,
        screenedPartyId,
        names: subject.names,
        status: statusOfHits(own, record !== undefined),
        screenedAtUs: record?.updatedAtUs ?? null,
        hitIds: own.map((hit) => hit.hitId),
      };
    });
    return {
      partyId: party.partyId,
      status: worstStatus(subjects.map((subject) => subject.status)),
      subjects,
    };
  });
}
