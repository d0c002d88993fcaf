// What a list snapshot changed against the one before it, entry by entry: the entries added and
// removed with their names, and for each changed entry the fields that differ (before → after).
// The snapshot stores only the ids of its delta; the entries come from the two snapshots.
import { DomainError } from '../../core/domain-error.js';
import { configurationDiff, type DiffEntry } from '../../core/programme/configuration-diff.js';
import type { ListEntry, ListSource } from '../../core/screening/entry.js';
import type { ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import type { StoreSession } from '../ports/store-port.js';

export const listSources: readonly ListSource[] = ['ofac-sdn', 'ofac-cons', 'un', 'eu'];
/** a page shows at most this many entries per kind of change; the counts are always whole */
export const changedEntriesShownMax = 200;
export const snapshotHistoryMax = 100;

export interface ChangedEntrySummary {
  readonly entryId: string;
  readonly kind: ListEntry['kind'];
  readonly primaryName: string;
  /** names in another script (Arabic, Cyrillic, …) as the list gives them */
  readonly otherNames: readonly string[];
  /** changed entries only: the fields that differ */
  readonly fields?: readonly DiffEntry[];
}

export interface SnapshotChanges {
  readonly snapshot: ListSnapshot;
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly added: readonly ChangedEntrySummary[];
  readonly removed: readonly ChangedEntrySummary[];
  readonly changed: readonly ChangedEntrySummary[];
}

type Session = Pick<StoreSession, 'screening'>;

/** every snapshot of every list, newest first within each list */
export async function listSnapshotHistory(session: Session): Promise<ListSnapshot[]> {
  const histories = await Promise.all(
    listSources.map((source) => session.screening.snapshotHistory(source, snapshotHistoryMax)),
  );
  return histories.flat();
}

function summary(entry: ListEntry): ChangedEntrySummary {
  const primary = entry.names.find((name) => name.kind === 'primary') ?? entry.names[0];
  return {
    entryId: entry.entryId,
    kind: entry.kind,
    primaryName: primary?.text ?? entry.entryId,
    otherNames: entry.names
      .filter((name) => name.kind === 'original-script')
      .map((name) => name.text),
  };
}

/** The entries named by `ids` in one snapshot: only those rows are read. */
async function entriesById(
  session: Session,
  snapshotId: string | null,
  ids: readonly string[],
): Promise<Map<string, ListEntry>> {
  if (snapshotId === null) return new Map();
  return new Map(
    (await session.screening.snapshotEntries(snapshotId, ids)).map((stored) => [
      stored.entryId,
      stored.entry,
    ]),
  );
}

async function snapshotOf(
  session: Session,
  source: ListSource,
  version: number,
): Promise<ListSnapshot> {
  const snapshot = (await session.screening.snapshotHistory(source, snapshotHistoryMax)).find(
    (candidate) => candidate.version === version,
  );
  if (!snapshot)
    throw new DomainError('screening.snapshot_not_found', `no snapshot ${source}/${version}`, {
      field: 'version',
    });
  return snapshot;
}

export const snapshotChangeKinds = ['added', 'removed', 'changed'] as const;
export type SnapshotChangeKind = (typeof snapshotChangeKinds)[number];

/** The summaries of `ids` (all of one kind of change), in the order given. */
async function summariesOf(
  session: Session,
  snapshot: ListSnapshot,
  change: SnapshotChangeKind,
  ids: readonly string[],
): Promise<ChangedEntrySummary[]> {
  if (ids.length === 0) return [];
  // an added entry is only in this snapshot, a removed one only in the one before
  const [next, previous] = await Promise.all([
    change === 'removed'
      ? new Map<string, ListEntry>()
      : entriesById(session, snapshot.snapshotId, ids),
    change === 'added'
      ? new Map<string, ListEntry>()
      : entriesById(session, snapshot.previousSnapshotId, ids),
  ]);
  return ids.flatMap((id) => {
    const before = previous.get(id);
    const after = next.get(id);
    if (change === 'added') return after ? [summary(after)] : [];
    if (change === 'removed') return before ? [summary(before)] : [];
    return before && after ? [{ ...summary(after), fields: configurationDiff(before, after) }] : [];
  });
}

export async function snapshotChanges(
  session: Session,
  source: ListSource,
  version: number,
): Promise<SnapshotChanges> {
  const snapshot = await snapshotOf(session, source, version);
  const { delta } = snapshot;
  const [added, removed, changed] = await Promise.all(
    snapshotChangeKinds.map((change) =>
      // by entry id, so the preview is the first page of snapshotChangedEntries
      summariesOf(
        session,
        snapshot,
        change,
        [...delta[change]].sort().slice(0, changedEntriesShownMax),
      ),
    ),
  );
  return {
    snapshot,
    counts: {
      added: delta.added.length,
      removed: delta.removed.length,
      changed: delta.changed.length,
    },
    added: added!,
    removed: removed!,
    changed: changed!,
  };
}

/**
 * Every entry of one kind of change, a page at a time by entry id (the preview above shows the
 * first changedEntriesShownMax; a source's first snapshot adds every entry, 15,000 for OFAC).
 */
export async function snapshotChangedEntries(
  session: Session,
  source: ListSource,
  version: number,
  change: SnapshotChangeKind,
  page: { readonly afterEntryId?: string; readonly limit: number },
): Promise<{ readonly entries: ChangedEntrySummary[]; readonly lastEntryIdIfMore: string | null }> {
  const snapshot = await snapshotOf(session, source, version);
  const after = page.afterEntryId;
  const ids = [...snapshot.delta[change]].sort().filter((id) => after === undefined || id > after);
  const shown = ids.slice(0, page.limit);
  const entries = await summariesOf(session, snapshot, change, shown);
  return { entries, lastEntryIdIfMore: ids.length > page.limit ? shown.at(-1)! : null };
}
