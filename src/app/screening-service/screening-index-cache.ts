// The engine's index over the current list snapshots, built once and kept in memory until a
// snapshot changes. Building over the full SDN + UN takes seconds; screening a party takes
// microseconds, so every screening after the first reuses the index.
import { assertInvariant, DomainError } from '../../core/domain-error.js';
import { buildScreeningIndex, type ScreeningIndex } from '../../core/screening/engine.js';
import type { ListEntry } from '../../core/screening/entry.js';
import { entryContentSha256 } from '../../core/screening/snapshot/entry-content-sha256.js';
import { snapshotSetKey, type ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import type { EntryFacts } from '../../core/screening-review/screen-party.js';
import { hitEntryKey } from '../../core/screening-review/screening-hit.js';
import type { ScreeningRepository, StoredListEntry } from '../ports/screening-repository-port.js';

export interface CurrentScreeningIndex {
  readonly key: string;
  readonly snapshots: readonly ListSnapshot[];
  readonly index: ScreeningIndex;
  /** content hash and snapshot of every indexed entry, for recording hits */
  readonly facts: ReadonlyMap<string, EntryFacts>;
}

/** The id and content of each snapshot: a rolled-back import may reuse a version number for other content. */
function cacheKey(snapshots: readonly ListSnapshot[]): string {
  return snapshotSetKey(
    snapshots.map((snapshot) => ({
      snapshotId: `${snapshot.snapshotId}@${snapshot.contentSha256}`,
    })),
  );
}

export class ScreeningIndexCache {
  private cached: Promise<CurrentScreeningIndex> | undefined;
  private cachedKey: string | undefined;
  /** how many times an index was built: tests check that an unchanged set of snapshots reuses it */
  buildCount = 0;

  /** The index for exactly these snapshots, built from `loadEntries` only when the set differs from the cached one. */
  indexFor(
    snapshots: readonly ListSnapshot[],
    loadEntries: (snapshot: ListSnapshot) => Promise<readonly StoredListEntry[]>,
  ): Promise<CurrentScreeningIndex> {
    if (snapshots.length === 0)
      throw new DomainError(
        'screening.no_lists',
        'no sanctions list has been imported: run `qanat lists import` first (screening fails closed)',
      );
    const key = cacheKey(snapshots);
    if (this.cached !== undefined && this.cachedKey === key) return this.cached;
    const building = this.build(key, snapshots, loadEntries);
    this.cached = building;
    this.cachedKey = key;
    // a failed build must not stay cached
    building.catch(() => {
      if (this.cached === building) {
        this.cached = undefined;
        this.cachedKey = undefined;
      }
    });
    return building;
  }

  private async build(
    key: string,
    snapshots: readonly ListSnapshot[],
    loadEntries: (snapshot: ListSnapshot) => Promise<readonly StoredListEntry[]>,
  ): Promise<CurrentScreeningIndex> {
    const entries: ListEntry[] = [];
    const facts = new Map<string, EntryFacts>();
    for (const snapshot of snapshots) {
      const stored = await loadEntries(snapshot);
      assertInvariant(
        stored.length === snapshot.entryCount,
        `snapshot ${snapshot.snapshotId} says ${snapshot.entryCount} entries but ${stored.length} were read`,
      );
      for (const { entryId, contentSha256, entry } of stored) {
        // the hash checked before the write is checked again after the read: a row edited in the database is caught here
        assertInvariant(
          entry.entryId === entryId && entry.source === snapshot.source,
          `entry row ${entryId} of ${snapshot.snapshotId} holds ${entry.source} ${entry.entryId}`,
        );
        assertInvariant(
          entryContentSha256(entry) === contentSha256,
          `entry ${entryId} of ${snapshot.snapshotId} does not match its content hash`,
        );
        entries.push(entry);
        facts.set(hitEntryKey(entry), {
          entryContentSha256: contentSha256,
          snapshotId: snapshot.snapshotId,
        });
      }
    }
    this.buildCount += 1;
    return { key, snapshots, index: buildScreeningIndex(entries), facts };
  }
}

/** The index over what the repository says is current now. */
export async function currentScreeningIndex(
  repository: ScreeningRepository,
  cache: ScreeningIndexCache,
): Promise<CurrentScreeningIndex> {
  const snapshots = await repository.currentSnapshots();
  return cache.indexFor(snapshots, (snapshot) => repository.snapshotEntries(snapshot.snapshotId));
}
