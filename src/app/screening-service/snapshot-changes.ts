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
  const histories = await Promise.all(listSources.map((source) => session.screening.snapshotHistory(source, snapshotHistoryMax)));
  return histories.flat();
}

function summary(entry: ListEntry): ChangedEntrySummary {
  const primary = entry.names.find((name) => name.kind === 'primary') ?? entry.names[0];
  return {
    entryId: entry.entryId,
    kind: entry.kind,
    primaryName: primary?.text ?? entry.entryId,
    otherNames: entry.names.filter((name) => name.kind === 'original-script').map((name) => name.text),
  };
}

async function entriesById(session: Session, snapshotId: string | null): Promise<Map<string, ListEntry>> {
  if (snapshotId === null) return new Map();
  return new Map((await session.screening.snapshotEntries(snapshotId)).map((stored) => [stored.entryId, stored.entry]));
}

export async function snapshotChanges(session: Session, source: ListSource, version: number): Promise<SnapshotChanges> {
  const snapshot = (await session.screening.snapshotHistory(source, snapshotHistoryMax)).find((candidate) => candidate.version === version);
  if (!snapshot) throw new DomainError('screening.snapshot_not_found', `no snapshot ${source}/${version}`, { field: 'version' });
  const { delta } = snapshot;
  const [next, previous] = await Promise.all([entriesById(session, snapshot.snapshotId), entriesById(session, snapshot.previousSnapshotId)]);
  const shown = (ids: readonly string[], from: Map<string, ListEntry>) =>
    ids.slice(0, changedEntriesShownMax).flatMap((id) => { const entry = from.get(id); return entry ? [summary(entry)] : []; });
  const changed = delta.changed.slice(0, changedEntriesShownMax).flatMap((id) => {
    const before = previous.get(id);
    const after = next.get(id);
    if (!before || !after) return [];
    return [{ ...summary(after), fields: configurationDiff(before, after) }];
  });
  return {
    snapshot,
    counts: { added: delta.added.length, removed: delta.removed.length, changed: delta.changed.length },
    added: shown(delta.added, next),
    removed: shown(delta.removed, previous),
    changed,
  };
}
