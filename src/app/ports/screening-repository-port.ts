import type { ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import type { ScreenedParty } from '../../core/screening-review/screened-party.js';
import type {
  HitStatus,
  RememberedDecision,
  ReviewDecision,
  StoredHit,
} from '../../core/screening-review/screening-hit.js';
import type { ListEntry, ListSource } from '../../core/screening/entry.js';
import type { InstantUs } from '../../core/time/instant.js';

/** One entry of a snapshot as stored: its content hash and the entry itself. */
export interface StoredListEntry {
  readonly entryId: string;
  readonly contentSha256: string;
  readonly entry: ListEntry;
}

export interface StoredScreenedParty {
  readonly party: ScreenedParty;
  readonly registeredBy: string;
  readonly registeredAtUs: InstantUs;
  readonly updatedAtUs: InstantUs;
}

export interface HitDecisionWrite {
  readonly hitId: string;
  readonly decision: ReviewDecision;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAtUs: InstantUs;
}

/**
 * List snapshots, screened parties, their hits and the review decisions. The SQLite and
 * PostgreSQL adapters implement it file for file; `screening-store.contract.test.ts` runs on both.
 */
export interface ScreeningRepository {
  /** the latest snapshot of every source that has one, ordered by source */
  currentSnapshots(): Promise<ListSnapshot[]>;
  /** every snapshot of a source, newest first; `beforeVersion`: keyset pages for the API */
  snapshotHistory(
    source: ListSource,
    limit: number,
    beforeVersion?: number,
  ): Promise<ListSnapshot[]>;
  insertSnapshot(snapshot: ListSnapshot, entries: readonly StoredListEntry[]): Promise<void>;
  /** entryId → content hash of one snapshot: all a delta needs */
  snapshotEntryHashes(snapshotId: string): Promise<Map<string, string>>;
  /** every entry of one snapshot by entry id, or only those named (a page, one hit's entry) */
  snapshotEntries(snapshotId: string, entryIds?: readonly string[]): Promise<StoredListEntry[]>;

  upsertParties(parties: readonly StoredScreenedParty[]): Promise<void>;
  getParties(partyIds: readonly string[]): Promise<Map<string, StoredScreenedParty>>;
  /** parties in id order after the cursor: rescreening walks them page by page */
  listParties(page: { afterPartyId?: string; limit: number }): Promise<StoredScreenedParty[]>;

  insertHits(hits: readonly StoredHit[]): Promise<void>;
  /** withdraw or supersede hits; only hits still active change */
  closeHits(
    hitIds: readonly string[],
    status: Extract<HitStatus, 'withdrawn' | 'superseded'>,
    closedAtUs: InstantUs,
  ): Promise<void>;
  /** PostgreSQL locks the row (FOR UPDATE) so two officers cannot decide one hit at once */
  findHitForUpdate(hitId: string): Promise<StoredHit | undefined>;
  findHit(hitId: string): Promise<StoredHit | undefined>;
  /** records the verdict on an open hit; false when the hit was not open any more */
  decideHit(write: HitDecisionWrite): Promise<boolean>;
  activeHitsForParties(partyIds: readonly string[]): Promise<StoredHit[]>;
  /** party ids with an active hit on any of these entries of a source */
  partyIdsWithActiveHitsOn(source: ListSource, entryIds: readonly string[]): Promise<string[]>;
  /** hits in a status, oldest first (raised, then id in byte order); `after`: keyset pages for the API */
  listHits(query: {
    status: HitStatus;
    limit: number;
    after?: { raisedAtUs: InstantUs; hitId: string };
  }): Promise<StoredHit[]>;

  insertDecision(decision: RememberedDecision): Promise<void>;
  decisionsForParties(partyIds: readonly string[]): Promise<RememberedDecision[]>;
}
