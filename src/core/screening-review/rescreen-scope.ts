// What a new snapshot can change, and so what rescreening must recompute. A party's result can
// change only if (a) one of its hits points to an entry that was removed or changed, or (b) an
// added or changed entry now matches it. (b) is found by screening every party against a small
// index of just those entries; everything else is left alone.
import type { ListEntry, ListSource } from '../screening/entry.js';
import type { SnapshotDelta } from '../screening/snapshot/snapshot-delta.js';

export interface SourceDelta {
  readonly source: ListSource;
  readonly delta: SnapshotDelta;
}

/** Entries of the new snapshot that a party could newly match: added and changed ones. */
export function entriesToProbe(entries: readonly ListEntry[], delta: SnapshotDelta): ListEntry[] {
  const wanted = new Set([...delta.added, ...delta.changed]);
  return entries.filter((entry) => wanted.has(entry.entryId));
}

/** Entries whose existing hits can no longer be trusted as they are: removed and changed ones, per source. */
export function entriesInvalidatingHits(deltas: readonly SourceDelta[]): Map<ListSource, string[]> {
  const bySource = new Map<ListSource, string[]>();
  for (const { source, delta } of deltas) {
    const ids = [...delta.removed, ...delta.changed];
    if (ids.length > 0) bySource.set(source, ids);
  }
  return bySource;
}

/** Parties to recompute in full: those with a hit on an invalidated entry, and those the probe found. */
export function partiesToRecompute(input: {
  readonly partyIdsWithInvalidatedHits: Iterable<string>;
  readonly partyIdsMatchingProbe: Iterable<string>;
}): string[] {
  return [
    ...new Set([...input.partyIdsWithInvalidatedHits, ...input.partyIdsMatchingProbe]),
  ].sort();
}
