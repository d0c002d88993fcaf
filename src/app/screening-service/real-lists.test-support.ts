// Real list data for the screening-service tests: the UN consolidated XML as published, and a
// subset of the real OFAC SDN set (every IRGC / IFSR / SDGT entry plus a slice of the others) so
// the index builds in a fraction of a second. Derived snapshots (an entry left out, a birth date
// corrected) change real entries; no sanctioned name is invented.
import { createHash } from 'node:crypto';
import type { ListEntry } from '../../core/screening/entry.js';
import { loadListPath, type LoadedList } from '../../adapters/lists/load-list-path.js';
import { entryHashes } from '../../core/screening/snapshot/snapshot-delta.js';
import { dataPath } from '../../../test-support/shared-data.js';

let unPromise: Promise<LoadedList> | undefined;
let ofacPromise: Promise<LoadedList> | undefined;

export function realUnList(): Promise<LoadedList> {
  unPromise ??= loadListPath(dataPath('un')).then((lists) => lists[0]!);
  return unPromise;
}

const subsetProgrammes = new Set(['IRGC', 'IFSR', 'SDGT']);
/** Entries outside those programmes kept in the subset, so common tokens keep realistic weights. */
export const otherEntriesInSubset = 300;

export function realOfacSubset(): Promise<LoadedList> {
  ofacPromise ??= loadListPath(dataPath('ofac')).then((lists) => {
    const sdn = lists.find((list) => list.source === 'ofac-sdn')!;
    const programme = sdn.entries.filter((entry) =>
      entry.programmes.some((name) => subsetProgrammes.has(name)),
    );
    const others = sdn.entries
      .filter((entry) => !entry.programmes.some((name) => subsetProgrammes.has(name)))
      .slice(0, otherEntriesInSubset);
    return derivedList(sdn, [...programme, ...others]);
  });
  return ofacPromise;
}

/** A list with other entries than the file had: its identity is the SHA-256 of its entry hashes (it has no file of its own). */
export function derivedList(base: LoadedList, entries: ListEntry[]): LoadedList {
  const hashes = entryHashes(entries);
  const content = createHash('sha256');
  for (const [entryId, hash] of [...hashes].sort(([a], [b]) => (a < b ? -1 : 1)))
    content.update(`${entryId} ${hash}\n`);
  return {
    source: base.source,
    publishedAt: base.publishedAt,
    contentSha256: content.digest('hex'),
    entries,
    warnings: [],
  };
}

export function withoutEntries(base: LoadedList, entryIds: readonly string[]): LoadedList {
  const drop = new Set(entryIds);
  return derivedList(
    base,
    base.entries.filter((entry) => !drop.has(entry.entryId)),
  );
}

/** The same list with one entry's birth dates replaced: a correction of the kind lists publish. */
export function withBirthDates(
  base: LoadedList,
  entryId: string,
  birthDates: string[],
): LoadedList {
  return derivedList(
    base,
    base.entries.map((entry) => (entry.entryId === entryId ? { ...entry, birthDates } : entry)),
  );
}
