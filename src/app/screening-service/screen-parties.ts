// Screens parties against the current list snapshots and records the hits for review. The
// engine runs outside the transaction (CPU work must not hold the SQLite writer); the
// transaction then checks the snapshots did not change meanwhile and writes everything at once.
import { DomainError } from '../../core/domain-error.js';
import { defaultAlertThreshold } from '../../core/screening/engine.js';
import { partyVerdict, type PartyVerdict } from '../../core/screening-review/party-verdict.js';
import { screenParty } from '../../core/screening-review/screen-party.js';
import {
  screenedPartyLimits,
  type ScreenedParty,
} from '../../core/screening-review/screened-party.js';
import type { FreshHit, StoredHit } from '../../core/screening-review/screening-hit.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import type { Store } from '../ports/store-port.js';
import {
  newRequestId,
  recordScreeningResults,
  type RecordedResults,
} from './record-screening-results.js';
import { currentScreeningIndex, type ScreeningIndexCache } from './screening-index-cache.js';

/** Attempts when a list import lands between screening and recording (then the work is redone on the new lists). */
export const screenAttemptsMax = 3;

export interface PartyScreening {
  readonly partyId: string;
  readonly verdict: PartyVerdict;
  readonly activeHits: readonly StoredHit[];
}

export interface ScreenPartiesResult {
  readonly requestId: string;
  readonly snapshotIds: readonly string[];
  readonly parties: readonly PartyScreening[];
  readonly recorded: RecordedResults;
}

export async function screenParties(
  store: Store,
  cache: ScreeningIndexCache,
  parties: readonly ScreenedParty[],
  context: ActorContext,
): Promise<ScreenPartiesResult> {
  checkActorContext(context);
  checkPartySet(parties);
  for (let attempt = 1; ; attempt += 1) {
    const current = await currentScreeningIndex(store.screening, cache);
    const freshByParty = new Map<string, FreshHit[]>(
      parties.map((party) => [
        party.partyId,
        screenParty(current.index, current.facts, party, defaultAlertThreshold),
      ]),
    );
    const requestId = newRequestId();
    const outcome = await store.transaction(async (tx) => {
      const snapshotsNow = await tx.screening.currentSnapshots();
      if (
        snapshotsNow.map((s) => `${s.snapshotId}@${s.contentSha256}`).join(',') !==
        current.snapshots.map((s) => `${s.snapshotId}@${s.contentSha256}`).join(',')
      )
        return undefined;
      const existing = await tx.screening.getParties(parties.map((party) => party.partyId));
      await tx.screening.upsertParties(
        parties.map((party) => ({
          party,
          registeredBy: existing.get(party.partyId)?.registeredBy ?? context.actor,
          registeredAtUs: existing.get(party.partyId)?.registeredAtUs ?? context.nowUs,
          updatedAtUs: context.nowUs,
        })),
      );
      const recorded = await recordScreeningResults(
        tx,
        { requestId, requestedBy: context.actor, atUs: context.nowUs },
        freshByParty,
      );
      const active = await tx.screening.activeHitsForParties(parties.map((party) => party.partyId));
      const screenings = parties.map((party) => {
        const activeHits = active.filter((hit) => hit.partyId === party.partyId);
        return { partyId: party.partyId, verdict: partyVerdict(activeHits), activeHits };
      });
      await tx.audit.append({
        kind: 'screening.parties_screened',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `screening-request:${requestId}`,
        payload: {
          snapshotIds: current.snapshots.map((snapshot) => snapshot.snapshotId),
          parties: screenings.map((screening) => ({
            partyId: screening.partyId,
            verdict: screening.verdict,
          })),
          raisedHitIds: [...recorded.raisedHitIds],
          kept: recorded.kept,
          withdrawn: recorded.withdrawn,
          superseded: recorded.superseded,
        },
      });
      return { screenings, recorded };
    });
    if (outcome !== undefined) {
      return {
        requestId,
        snapshotIds: current.snapshots.map((snapshot) => snapshot.snapshotId),
        parties: outcome.screenings,
        recorded: outcome.recorded,
      };
    }
    if (attempt >= screenAttemptsMax) {
      throw new DomainError(
        'screening.lists_changing',
        `the lists changed ${screenAttemptsMax} times while screening; try again when the import is done`,
      );
    }
  }
}

function checkPartySet(parties: readonly ScreenedParty[]): void {
  if (parties.length === 0)
    throw new DomainError('screening.no_parties', 'nothing to screen: give at least one party', {
      field: 'parties',
    });
  if (parties.length > screenedPartyLimits.partiesPerRequestMax) {
    throw new DomainError(
      'screening.too_many_parties',
      `at most ${screenedPartyLimits.partiesPerRequestMax} parties per request`,
      { field: 'parties' },
    );
  }
  const ids = new Set<string>();
  for (const party of parties) {
    if (ids.has(party.partyId))
      throw new DomainError(
        'screening.party_conflict',
        `party "${party.partyId}" appears twice in one request`,
        { field: 'partyId' },
      );
    ids.add(party.partyId);
  }
  for (const party of parties) {
    for (const ownerId of party.beneficialOwnerIds) {
      if (!ids.has(ownerId))
        throw new DomainError(
          'screening.owner_missing',
          `beneficial owner "${ownerId}" of "${party.partyId}" must be screened in the same request`,
          { field: 'beneficialOwnerIds' },
        );
    }
  }
}
