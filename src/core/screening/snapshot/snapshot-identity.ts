// What makes two imports "the same snapshot": the source, when the list says it was published,
// the hash of the exact input bytes and how many entries came out of them.
import type { ListEntry, ListSource } from '../entry.js';

export interface SnapshotIdentity {
  readonly source: ListSource;
  readonly publishedAt: string | null;
  readonly contentSha256: string;
  readonly entryCount: number;
}

export function snapshotIdentity(list: {
  readonly source: ListSource;
  readonly publishedAt: string | null;
  readonly contentSha256: string;
  readonly entries: readonly ListEntry[];
}): SnapshotIdentity {
  return {
    source: list.source,
    publishedAt: list.publishedAt,
    contentSha256: list.contentSha256,
    entryCount: list.entries.length,
  };
}

/** Same bytes of the same source: importing again would change nothing. */
export function isSameSnapshot(a: SnapshotIdentity, b: SnapshotIdentity): boolean {
  return a.source === b.source && a.contentSha256 === b.contentSha256;
}
