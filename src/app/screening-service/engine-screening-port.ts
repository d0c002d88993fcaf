// The disbursement workflow's ScreeningPort, served by the real engine over the stored list
// snapshots, with the review queue behind it. Each call screens the payee and its beneficial
// owners as known parties (so later list imports rescreen them too) and returns the hits that
// must stop the money: open ones and confirmed true matches. Hits a compliance officer already
// found to be false positives, for the same entry content, are not returned: the payee passes.
import { createHash } from 'node:crypto';
import type { ScreeningHit, ScreeningPort, ScreeningSubject } from '../ports/screening-port.js';
import { verdictAllowsPayment, partyVerdict } from '../../core/screening-review/party-verdict.js';
import type { ScreenedParty } from '../../core/screening-review/screened-party.js';
import type { Store } from '../ports/store-port.js';
import type { Clock } from '../../core/time/clock.js';
import type { GateAssessment } from '../ports/screening-port.js';
import { DomainError } from '../../core/domain-error.js';
import { defaultAlertThreshold } from '../../core/screening/engine.js';
import type { ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import { screenParty } from '../../core/screening-review/screen-party.js';
import type { FreshHit } from '../../core/screening-review/screening-hit.js';
import type { StoreSession } from '../ports/store-port.js';
import { gateRefusal, ListsChangedDuringStep } from './gate-refusal.js';
import { screenParties } from './screen-parties.js';
import { currentScreeningIndex, type ScreeningIndexCache } from './screening-index-cache.js';

function snapshotKeyOf(snapshots: readonly ListSnapshot[]): string {
  return snapshots.map((snapshot) => `${snapshot.snapshotId}@${snapshot.contentSha256}`).join(',');
}

export interface EngineScreeningPortOptions {
  readonly store: Store;
  readonly cache: ScreeningIndexCache;
  readonly clock: Clock;
  /** recorded as the requester of these screenings: a system name, so any officer may review the hits it raises */
  readonly requestedBy: string;
}

/**
 * A beneficial owner has no party id of its own in the workflow's subject, so it gets one derived
 * from its payee and its names: the same owner maps to the same party every time, and a
 * remembered decision about it keeps applying.
 */
export function ownerPartyId(payeePartyId: string, subject: ScreeningSubject): string {
  const names = subject.names
    .map((name) => name.text)
    .sort()
    .join('\u0000');
  return `${payeePartyId}:bo:${createHash('sha256').update(names).digest('hex').slice(0, 12)}`;
}

/** The evidence a subject carries besides its names, in the shape the review queue screens. */
function evidenceOf(
  subject: ScreeningSubject,
): Pick<ScreenedParty, 'kind' | 'identifiers' | 'nationality' | 'birthDate'> {
  return {
    kind: subject.kind ?? 'unknown',
    identifiers: subject.identifiers ?? [],
    ...(subject.nationality !== undefined ? { nationality: subject.nationality } : {}),
    ...(subject.birthDate !== undefined ? { birthDate: subject.birthDate } : {}),
  };
}

/** A beneficiary bank is one party whichever payee banks there: a true match on it blocks it everywhere. */
export function bankPartyId(subject: ScreeningSubject): string {
  const names = subject.names
    .map((name) => name.text.trim().toLowerCase())
    .sort()
    .join('\u0000');
  return `bank:${createHash('sha256').update(names).digest('hex').slice(0, 12)}`;
}

/** The screened party a workflow subject stands for. */
export function subjectPartyId(subject: ScreeningSubject): string {
  if (subject.role === 'beneficial-owner') return ownerPartyId(subject.partyId, subject);
  if (subject.role === 'beneficiary-bank') return bankPartyId(subject);
  return subject.partyId;
}

export function partiesForSubjects(subjects: readonly ScreeningSubject[]): ScreenedParty[] {
  const parties = new Map<string, ScreenedParty>();
  for (const subject of subjects) {
    if (subject.role !== 'beneficiary-bank') continue;
    const partyId = bankPartyId(subject);
    parties.set(partyId, {
      partyId,
      kind: 'entity',
      names: subject.names.map((name) => ({ text: name.text, script: name.script })),
      identifiers: [],
      beneficialOwnerIds: [],
    });
  }
  const ownersOf = new Map<string, string[]>();
  for (const subject of subjects) {
    if (subject.role !== 'beneficial-owner') continue;
    const partyId = ownerPartyId(subject.partyId, subject);
    // an owner's kind is "unknown" unless the workflow says: the engine is not told a guess
    parties.set(partyId, {
      partyId,
      ...evidenceOf(subject),
      names: subject.names.map((name) => ({ text: name.text, script: name.script })),
      beneficialOwnerIds: [],
    });
    ownersOf.set(subject.partyId, [...(ownersOf.get(subject.partyId) ?? []), partyId]);
  }
  for (const subject of subjects) {
    if (subject.role !== 'payee') continue;
    parties.set(subject.partyId, {
      partyId: subject.partyId,
      ...evidenceOf(subject),
      names: subject.names.map((name) => ({ text: name.text, script: name.script })),
      beneficialOwnerIds: [...new Set(ownersOf.get(subject.partyId) ?? [])].filter((id) =>
        parties.has(id),
      ),
    });
  }
  // an owner whose payee is not in the call still stands for itself
  return [...parties.values()].map((party) => ({
    ...party,
    beneficialOwnerIds: party.beneficialOwnerIds.filter((id) => parties.has(id)),
  }));
}

export class EngineScreeningPort implements ScreeningPort {
  constructor(private readonly options: EngineScreeningPortOptions) {}

  async screen(subjects: readonly ScreeningSubject[]): Promise<readonly ScreeningHit[]> {
    const parties = partiesForSubjects(subjects);
    if (parties.length === 0) return [];
    const { store, cache, clock, requestedBy } = this.options;
    const result = await screenParties(store, cache, parties, {
      actor: requestedBy,
      reason: 'disbursement screening',
      nowUs: clock.nowUs(),
    });
    const payeeOf = new Map<string, string>();
    for (const subject of subjects) payeeOf.set(subjectPartyId(subject), subject.partyId);
    const stopping: ScreeningHit[] = [];
    for (const party of result.parties) {
      if (verdictAllowsPayment(partyVerdict(party.activeHits))) continue;
      for (const hit of party.activeHits) {
        if (hit.status !== 'open' && hit.status !== 'true_match') continue;
        stopping.push({
          partyId: payeeOf.get(party.partyId) ?? party.partyId,
          subjectName: hit.queryName,
          listedName: hit.matchedName,
          listEntryId: `${hit.source}:${hit.entryId}`,
          score: hit.score,
          explanation: `${hit.status === 'true_match' ? 'confirmed true match' : 'open hit awaiting compliance review'} ${hit.hitId} (${hit.snapshotId}${party.partyId === payeeOf.get(party.partyId) ? '' : `, beneficial owner ${party.partyId}`}): ${hit.explanation.text}`,
        });
      }
    }
    return stopping;
  }

  async assess(subjects: readonly ScreeningSubject[]): Promise<GateAssessment> {
    const current = await currentScreeningIndex(this.options.store.screening, this.options.cache);
    const fresh = new Map<string, FreshHit[]>();
    for (const party of partiesForSubjects(subjects))
      fresh.set(
        party.partyId,
        screenParty(current.index, current.facts, party, defaultAlertThreshold),
      );
    return { subjects, snapshotKey: snapshotKeyOf(current.snapshots), fresh };
  }

  async verify(
    tx: StoreSession,
    assessment: GateAssessment,
    requestedBy: string,
  ): Promise<DomainError | undefined> {
    const snapshots = await tx.screening.currentSnapshots();
    if (snapshots.length === 0)
      return new DomainError(
        'screening.no_lists',
        'no sanctions list has been imported: run `qanat lists import` first (screening fails closed)',
      );
    if (snapshotKeyOf(snapshots) !== assessment.snapshotKey) return new ListsChangedDuringStep();
    return gateRefusal(tx, assessment.subjects, requestedBy, assessment.fresh);
  }
}
