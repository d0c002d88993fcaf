// What changed between two snapshots of the same list, by entry id. Only the entries in the delta
// can change a screening result, so rescreening recomputes those and nothing else.
import { DomainError } from '../../domain-error.js';
import type { ListEntry } from '../entry.js';
import { entryContentSha256 } from './entry-content-sha256.js';

export interface SnapshotDelta {
  /** ids in the next snapshot only, sorted */
  readonly added: string[];
  /** ids in the previous snapshot only, sorted */
  readonly removed: string[];
  /** ids in both whose content hash differs, sorted */
  readonly changed: string[];
}

/** entryId → content hash; the form a store keeps between imports instead of whole entries. */
export type EntryHashes = ReadonlyMap<string, string>;

export function entryHashes(entries: readonly ListEntry[]): Map<string, string> {
  const hashes = new Map<string, string>();
  const source = entries[0]?.source;
  for (const entry of entries) {
    if (entry.source !== source) {
      throw new DomainError(
        'snapshot.mixed_sources',
        `a snapshot holds one list; found ${source} and ${entry.source}`,
      );
    }
    if (hashes.has(entry.entryId)) {
      throw new DomainError(
        'snapshot.duplicate_entry',
        `entry ${entry.entryId} appears twice in one snapshot`,
        { details: { entryId: entry.entryId } },
      );
    }
    hashes.set(entry.entryId, entryContentSha256(entry));
  }
  return hashes;
}

export function diffEntryHashes(previous: EntryHashes, next: EntryHashes): SnapshotDelta {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [entryId, hash] of next) {
    const previousHash = previous.get(entryId);
    if (previousHash === undefined) added.push(entryId);
    else if (previousHash !== hash) changed.push(entryId);
  }
  for (const entryId of previous.keys()) if (!next.has(entryId)) removed.push(entryId);
  return {
    added: added.sort(compareIds),
    removed: removed.sort(compareIds),
    changed: changed.sort(compareIds),
  };
}

export function diffSnapshots(
  previousEntries: readonly ListEntry[],
  nextEntries: readonly ListEntry[],
): SnapshotDelta {
  const previousSource = previousEntries[0]?.source;
  const nextSource = nextEntries[0]?.source;
  if (previousSource !== undefined && nextSource !== undefined && previousSource !== nextSource) {
    throw new DomainError(
      'snapshot.mixed_sources',
      `cannot diff a ${previousSource} snapshot against a ${nextSource} one`,
    );
  }
  return diffEntryHashes(entryHashes(previousEntries), entryHashes(nextEntries));
}

/** Numeric ids (OFAC ent_num, EU logicalId) in numeric order, others (UN "IRi.039") as text. */
function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b))
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
