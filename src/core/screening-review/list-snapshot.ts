// A list as imported into the store: one version of one source, with what changed since the
// version before it. The entries themselves are stored beside it, one row per entry.
import type { ListSource } from '../screening/entry.js';
import type { SnapshotDelta } from '../screening/snapshot/snapshot-delta.js';
import type { InstantUs } from '../time/instant.js';

export interface ListSnapshot {
  /** "<source>/<version>", e.g. "ofac-sdn/3": readable in the CLI and the audit log */
  readonly snapshotId: string;
  readonly source: ListSource;
  /** 1 for a source's first import, then +1 per import that changed something */
  readonly version: number;
  readonly publishedAt: string | null;
  readonly contentSha256: string;
  readonly entryCount: number;
  readonly importedAtUs: InstantUs;
  readonly importedBy: string;
  readonly previousSnapshotId: string | null;
  readonly delta: SnapshotDelta;
}

export function snapshotIdOf(source: ListSource, version: number): string {
  return `${source}/${version}`;
}

/** The key that names a set of current snapshots: an index built for one key is valid until it changes. */
export function snapshotSetKey(snapshots: readonly Pick<ListSnapshot, 'snapshotId'>[]): string {
  return snapshots
    .map((snapshot) => snapshot.snapshotId)
    .sort()
    .join(',');
}
