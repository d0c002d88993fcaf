// After a list import, bring every known party's screening up to date — recomputing only what the
// delta can affect (see screening-review/rescreen-scope.ts). Runs inside the import's transaction,
// so a snapshot never becomes current without its consequences for the parties.
import { buildScreeningIndex } from '../../core/screening/engine.js';
import { defaultAlertThreshold } from '../../core/screening/engine.js';
import type { ListEntry } from '../../core/screening/entry.js';
import type { SnapshotDelta } from '../../core/screening/snapshot/snapshot-delta.js';
import { assertInvariant } from '../../core/domain-error.js';
import type { ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import {
  entriesInvalidatingHits,
  entriesToProbe,
  partiesToRecompute,
} from '../../core/screening-review/rescreen-scope.js';
import { screenParty, type EntryFacts } from '../../core/screening-review/screen-party.js';
import type { ScreenedParty } from '../../core/screening-review/screened-party.js';
import { hitEntryKey, type FreshHit } from '../../core/screening-review/screening-hit.js';
import type { StoredListEntry } from '../ports/screening-repository-port.js';
import type { StoreSession } from '../ports/store-port.js';
import {
  recordScreeningResults,
  type RecordedResults,
  type ScreeningRequest,
} from './record-screening-results.js';
import type { ScreeningIndexCache } from './screening-index-cache.js';

/**
 * The probe index holds only the delta's entries, so it weighs tokens by their rarity in that
 * small set, not in the whole list: a token common in the lists (Mohammad) looks rare there and
 * scores higher. Probing below the alert threshold by this margin keeps every party that could
 * alert against the full index; the full recompute then decides with the real weights.
 */
export const rescreenProbeMargin = 0.1;
/** Parties read per page while walking all known parties. */
export const partyPageSize = 1_000;
/** Known parties rescreened at most per import (bounds the transaction). */
export const knownPartiesMax = 200_000;
/** Entry ids per lookup of the parties hit by removed or changed entries. */
const entryIdsPerLookupMax = 10_000;

export interface ImportedSnapshot {
  readonly snapshot: ListSnapshot;
  readonly entries: readonly StoredListEntry[];
  readonly delta: SnapshotDelta;
}

export interface RescreenSummary {
  readonly knownParties: number;
  /** parties screened against the small index of added and changed entries */
  readonly probedParties: number;
  /** parties screened again in full against the current index */
  readonly recomputedPartyIds: readonly string[];
  readonly recorded: RecordedResults | undefined;
}

export async function rescreenAfterImport(
  tx: StoreSession,
  cache: ScreeningIndexCache,
  imported: readonly ImportedSnapshot[],
  request: ScreeningRequest,
): Promise<RescreenSummary> {
  const parties = await allParties(tx);
  if (parties.length === 0)
    return { knownParties: 0, probedParties: 0, recomputedPartyIds: [], recorded: undefined };

  const invalidated = new Set<string>();
  for (const [source, entryIds] of entriesInvalidatingHits(
    imported.map(({ snapshot, delta }) => ({ source: snapshot.source, delta })),
  )) {
    for (let start = 0; start < entryIds.length; start += entryIdsPerLookupMax) {
      for (const partyId of await tx.screening.partyIdsWithActiveHitsOn(
        source,
        entryIds.slice(start, start + entryIdsPerLookupMax),
      ))
        invalidated.add(partyId);
    }
  }

  const probeEntries: ListEntry[] = [];
  const probeFacts = new Map<string, EntryFacts>();
  for (const { snapshot, entries, delta } of imported) {
    const byId = new Map(entries.map((stored) => [stored.entryId, stored]));
    for (const entry of entriesToProbe(
      entries.map((stored) => stored.entry),
      delta,
    )) {
      probeEntries.push(entry);
      probeFacts.set(hitEntryKey(entry), {
        entryContentSha256: byId.get(entry.entryId)!.contentSha256,
        snapshotId: snapshot.snapshotId,
      });
    }
  }
  const matchingProbe: string[] = [];
  let probedParties = 0;
  if (probeEntries.length > 0) {
    const probeIndex = buildScreeningIndex(probeEntries);
    const probeThreshold = Math.max(0, defaultAlertThreshold - rescreenProbeMargin);
    for (const party of parties) {
      if (invalidated.has(party.partyId)) continue;
      probedParties += 1;
      if (screenParty(probeIndex, probeFacts, party, probeThreshold).length > 0)
        matchingProbe.push(party.partyId);
    }
  }

  const recomputedPartyIds = partiesToRecompute({
    partyIdsWithInvalidatedHits: invalidated,
    partyIdsMatchingProbe: matchingProbe,
  });
  if (recomputedPartyIds.length === 0)
    return { knownParties: parties.length, probedParties, recomputedPartyIds, recorded: undefined };

  const importedById = new Map(imported.map((item) => [item.snapshot.snapshotId, item.entries]));
  const current = await cache.indexFor(
    await tx.screening.currentSnapshots(),
    async (snapshot) =>
      importedById.get(snapshot.snapshotId) ?? tx.screening.snapshotEntries(snapshot.snapshotId),
  );
  for (const { snapshot } of imported)
    assertInvariant(
      current.snapshots.some((s) => s.snapshotId === snapshot.snapshotId),
      `imported snapshot ${snapshot.snapshotId} is not current`,
    );
  const byId = new Map(parties.map((party) => [party.partyId, party]));
  const fresh = new Map<string, FreshHit[]>();
  for (const partyId of recomputedPartyIds)
    fresh.set(
      partyId,
      screenParty(current.index, current.facts, byId.get(partyId)!, defaultAlertThreshold),
    );
  const recorded = await recordScreeningResults(tx, request, fresh);
  return { knownParties: parties.length, probedParties, recomputedPartyIds, recorded };
}

async function allParties(tx: StoreSession): Promise<ScreenedParty[]> {
  const parties: ScreenedParty[] = [];
  let afterPartyId: string | undefined;
  for (;;) {
    const page = await tx.screening.listParties({
      ...(afterPartyId !== undefined ? { afterPartyId } : {}),
      limit: partyPageSize,
    });
    parties.push(...page.map((stored) => stored.party));
    assertInvariant(
      parties.length <= knownPartiesMax,
      `more than ${knownPartiesMax} known parties: rescreening must be split`,
    );
    if (page.length < partyPageSize) return parties;
    afterPartyId = page.at(-1)!.party.partyId;
  }
}
