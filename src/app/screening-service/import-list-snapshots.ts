// Stores freshly loaded lists as new snapshots, with their delta against the previous snapshot
// of the same source, and rescreens the known parties — in one transaction with its audit
// events. Loading and parsing happen before (loadListPath): a malformed file throws there, and
// nothing here runs, so the previous snapshot stays current.
import { DomainError } from '../../core/domain-error.js';
import type { LoadedList } from '../../core/screening/loaded-list.js';
import { diffEntryHashes, entryHashes } from '../../core/screening/snapshot/snapshot-delta.js';
import { snapshotIdOf, type ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import { deltaSha256, entrySetSha256 } from '../../core/screening-review/snapshot-digest.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import type { StoredListEntry } from '../ports/screening-repository-port.js';
import type { Store } from '../ports/store-port.js';
import { newRequestId } from './record-screening-results.js';
import { returnToReviewAfterImport } from '../disbursement/return-to-review.js';
import { requireRole } from '../kernel/users.js';
import {
  rescreenAfterImport,
  type ImportedSnapshot,
  type RescreenSummary,
} from './rescreen-after-import.js';
import type { ScreeningIndexCache } from './screening-index-cache.js';

/** Lists per import at most: one per source (OFAC SDN, OFAC consolidated, UN, EU) and room for more. */
export const listsPerImportMax = 8;
/** Ids of each kind (added, removed, changed) named in the audit event; the full delta is stored with the snapshot and bound by its hash. */
export const auditDeltaIdsMax = 50;

export interface ImportListsResult {
  readonly imported: readonly ListSnapshot[];
  /** sources whose current snapshot already has exactly these bytes: nothing was written for them */
  readonly unchanged: readonly ListSnapshot[];
  readonly rescreen: RescreenSummary | undefined;
  /** disbursements past screening that a new hit sent back to compliance review */
  readonly returnedToReview: readonly string[];
}

export async function importListSnapshots(
  store: Store,
  cache: ScreeningIndexCache,
  lists: readonly LoadedList[],
  context: ActorContext,
): Promise<ImportListsResult> {
  checkActorContext(context);
  if (lists.length === 0)
    throw new DomainError('screening.no_lists_given', 'give at least one list to import', {
      field: 'list',
    });
  if (lists.length > listsPerImportMax)
    throw new DomainError(
      'screening.too_many_lists',
      `at most ${listsPerImportMax} lists per import`,
      { field: 'list' },
    );
  const sources = lists.map((list) => list.source);
  const twice = sources.find((source, index) => sources.indexOf(source) !== index);
  if (twice !== undefined)
    throw new DomainError(
      'screening.duplicate_source',
      `two of the lists given are ${twice} lists; import one version at a time`,
      { field: 'list' },
    );
  for (const list of lists) {
    if (list.entries.length === 0)
      throw new DomainError(
        'screening.empty_list',
        `the ${list.source} list has no entries; refusing to make an empty list current`,
        { field: 'list' },
      );
  }
  // hashing is pure CPU: done before the transaction takes the writer
  const prepared = lists.map((list) => {
    const hashes = entryHashes(list.entries);
    const entries: StoredListEntry[] = list.entries.map((entry) => ({
      entryId: entry.entryId,
      contentSha256: hashes.get(entry.entryId)!,
      entry,
    }));
    return { list, hashes, entries };
  });

  return store.transaction(async (tx) => {
    await requireRole(tx, context.actor, 'lists.import');
    const current = new Map(
      (await tx.screening.currentSnapshots()).map((snapshot) => [snapshot.source, snapshot]),
    );
    const imported: ImportedSnapshot[] = [];
    const unchanged: ListSnapshot[] = [];
    for (const { list, hashes, entries } of prepared) {
      const previous = current.get(list.source);
      if (previous !== undefined && previous.contentSha256 === list.contentSha256) {
        unchanged.push(previous);
        continue;
      }
      const delta = diffEntryHashes(
        previous === undefined
          ? new Map()
          : await tx.screening.snapshotEntryHashes(previous.snapshotId),
        hashes,
      );
      const version = (previous?.version ?? 0) + 1;
      const snapshot: ListSnapshot = {
        snapshotId: snapshotIdOf(list.source, version),
        source: list.source,
        version,
        publishedAt: list.publishedAt,
        contentSha256: list.contentSha256,
        entryCount: list.entries.length,
        importedAtUs: context.nowUs,
        importedBy: context.actor,
        previousSnapshotId: previous?.snapshotId ?? null,
        delta,
      };
      await tx.screening.insertSnapshot(snapshot, entries);
      await tx.audit.append({
        kind: 'screening.list_imported',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `list-snapshot:${snapshot.snapshotId}`,
        payload: {
          source: snapshot.source,
          version,
          publishedAt: snapshot.publishedAt,
          contentSha256: snapshot.contentSha256,
          entryCount: snapshot.entryCount,
          entrySetSha256: entrySetSha256(hashes),
          previousSnapshotId: snapshot.previousSnapshotId,
          deltaSha256: deltaSha256(delta),
          added: delta.added.length,
          removed: delta.removed.length,
          changed: delta.changed.length,
          addedIds: delta.added.slice(0, auditDeltaIdsMax),
          removedIds: delta.removed.slice(0, auditDeltaIdsMax),
          changedIds: delta.changed.slice(0, auditDeltaIdsMax),
          warnings: list.warnings.map((warning) => ({ code: warning.code, count: warning.count })),
        },
      });
      imported.push({ snapshot, entries, delta });
    }
    if (imported.length === 0)
      return { imported: [], unchanged, rescreen: undefined, returnedToReview: [] };

    const requestId = newRequestId();
    const rescreen = await rescreenAfterImport(tx, cache, imported, {
      requestId,
      requestedBy: context.actor,
      atUs: context.nowUs,
    });
    await tx.audit.append({
      kind: 'screening.rescreened',
      actor: context.actor,
      reason: `rescreen after importing ${imported.map((item) => item.snapshot.snapshotId).join(', ')}`,
      atUs: context.nowUs,
      subject: `screening-request:${requestId}`,
      payload: {
        snapshotIds: imported.map((item) => item.snapshot.snapshotId),
        knownParties: rescreen.knownParties,
        probedParties: rescreen.probedParties,
        recomputed: rescreen.recomputedPartyIds.length,
        recomputedPartyIds: rescreen.recomputedPartyIds.slice(0, auditDeltaIdsMax),
        raisedHitIds: (rescreen.recorded?.raisedHitIds ?? []).slice(0, auditDeltaIdsMax),
        raised: rescreen.recorded?.raisedHitIds.length ?? 0,
        withdrawn: rescreen.recorded?.withdrawn ?? 0,
        superseded: rescreen.recorded?.superseded ?? 0,
      },
    });
    // a new hit on a party of a payment in flight stops that payment here, in the same transaction
    const returnedToReview = await returnToReviewAfterImport(
      tx,
      rescreen.recorded?.raisedHitIds ?? [],
      context,
    );
    return {
      imported: imported.map((item) => item.snapshot),
      unchanged,
      rescreen,
      returnedToReview,
    };
  });
}
