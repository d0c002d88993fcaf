import type Database from 'better-sqlite3';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { ListSnapshot } from '../../../core/screening-review/list-snapshot.js';
import type {
  HitStatus,
  RememberedDecision,
  StoredHit,
} from '../../../core/screening-review/screening-hit.js';
import type { ListSource } from '../../../core/screening/entry.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';
import type {
  HitDecisionWrite,
  ScreeningRepository,
  StoredListEntry,
  StoredScreenedParty,
} from '../../../app/ports/screening-repository-port.js';
import {
  activeStatusesSql,
  decisionColumns,
  decisionFromRow,
  decisionToValues,
  hitColumns,
  hitFromRow,
  hitToValues,
  listEntryFromRow,
  partyFromRow,
  partyToValues,
  snapshotColumns,
  snapshotFromRow,
  snapshotToValues,
} from '../screening-rows.js';

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
/** Id lists travel as one JSON parameter (json_each), so a statement never depends on the list length. */
const ids = (values: readonly string[]) => JSON.stringify([...new Set(values)]);

export class SqliteScreeningRepository implements ScreeningRepository {
  private readonly statements: SqliteStatementCache;

  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.statements = new SqliteStatementCache(db);
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  async currentSnapshots(): Promise<ListSnapshot[]> {
    const rows = this.statement(
      'SELECT s.* FROM screening_snapshots s WHERE s.version = (SELECT max(version) FROM screening_snapshots l WHERE l.source = s.source) ORDER BY s.source',
    ).all() as Row[];
    return rows.map(snapshotFromRow);
  }

  async snapshotHistory(
    source: ListSource,
    limit: number,
    beforeVersion?: number,
  ): Promise<ListSnapshot[]> {
    return (
      this.statement(
        'SELECT * FROM screening_snapshots WHERE source = ? AND version < ? ORDER BY version DESC LIMIT ?',
      ).all(source, beforeVersion ?? 2_147_483_647, limit) as Row[]
    ).map(snapshotFromRow);
  }

  async insertSnapshot(snapshot: ListSnapshot, entries: readonly StoredListEntry[]): Promise<void> {
    this.journal.row('screening_snapshots', snapshot.snapshotId);
    this.journal.rowSet('screening_list_entries', snapshot.source);
    this.journal.rowSet('screening_snapshot_entries', snapshot.snapshotId);
    this.statement(
      `INSERT INTO screening_snapshots (${snapshotColumns.join(', ')}) VALUES (${placeholders(snapshotColumns.length)})`,
    ).run(...snapshotToValues(snapshot));
    const content = this.statement(
      'INSERT INTO screening_list_entries (content_sha256, source, entry_id, entry) VALUES (?, ?, ?, ?) ON CONFLICT (content_sha256) DO NOTHING',
    );
    const member = this.statement(
      'INSERT INTO screening_snapshot_entries (snapshot_id, entry_id, content_sha256) VALUES (?, ?, ?)',
    );
    for (const stored of entries) {
      content.run(
        stored.contentSha256,
        snapshot.source,
        stored.entryId,
        JSON.stringify(stored.entry),
      );
      member.run(snapshot.snapshotId, stored.entryId, stored.contentSha256);
    }
  }

  async snapshotEntryHashes(snapshotId: string): Promise<Map<string, string>> {
    const rows = this.statement(
      'SELECT entry_id, content_sha256 FROM screening_snapshot_entries WHERE snapshot_id = ?',
    )
      .raw(true)
      .all(snapshotId) as [string, string][];
    return new Map(rows);
  }

  async snapshotEntries(
    snapshotId: string,
    entryIds?: readonly string[],
  ): Promise<StoredListEntry[]> {
    const select = `SELECT m.entry_id, m.content_sha256, e.entry FROM screening_snapshot_entries m
       JOIN screening_list_entries e ON e.content_sha256 = m.content_sha256 WHERE m.snapshot_id = ?`;
    const rows = (
      entryIds === undefined
        ? this.statement(`${select} ORDER BY m.entry_id`).all(snapshotId)
        : this.statement(
            `${select} AND m.entry_id IN (SELECT value FROM json_each(?)) ORDER BY m.entry_id`,
          ).all(snapshotId, JSON.stringify(entryIds))
    ) as Row[];
    return rows.map(listEntryFromRow);
  }

  async upsertParties(parties: readonly StoredScreenedParty[]): Promise<void> {
    // registration is kept from the first time; the details and the update time follow the latest request
    const upsert = this.statement(
      `INSERT INTO screening_parties (party_id, party, registered_by, registered_at_us, updated_at_us) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (party_id) DO UPDATE SET party = excluded.party, updated_at_us = excluded.updated_at_us`,
    );
    for (const party of parties) upsert.run(...partyToValues(party));
    for (const party of parties) this.journal.row('screening_parties', party.party.partyId);
  }

  async getParties(partyIds: readonly string[]): Promise<Map<string, StoredScreenedParty>> {
    const rows = this.statement(
      'SELECT * FROM screening_parties WHERE party_id IN (SELECT value FROM json_each(?))',
    ).all(ids(partyIds)) as Row[];
    return new Map(rows.map((row) => [String(row.party_id), partyFromRow(row)]));
  }

  async listParties(page: {
    afterPartyId?: string;
    limit: number;
  }): Promise<StoredScreenedParty[]> {
    const rows = this.statement(
      'SELECT * FROM screening_parties WHERE party_id > ? ORDER BY party_id LIMIT ?',
    ).all(page.afterPartyId ?? '', page.limit) as Row[];
    return rows.map(partyFromRow);
  }

  async insertHits(hits: readonly StoredHit[]): Promise<void> {
    const insert = this.statement(
      `INSERT INTO screening_hits (${hitColumns.join(', ')}) VALUES (${placeholders(hitColumns.length)})`,
    );
    for (const hit of hits) insert.run(...hitToValues(hit));
    for (const hit of hits) this.journal.row('screening_hits', hit.hitId);
  }

  async closeHits(
    hitIds: readonly string[],
    status: Extract<HitStatus, 'withdrawn' | 'superseded'>,
    closedAtUs: InstantUs,
  ): Promise<void> {
    if (hitIds.length === 0) return;
    for (const hitId of hitIds) this.journal.row('screening_hits', hitId);
    this.statement(
      `UPDATE screening_hits SET status = ?, closed_at_us = ? WHERE hit_id IN (SELECT value FROM json_each(?)) AND status IN (${activeStatusesSql})`,
    ).run(status, closedAtUs, ids(hitIds));
  }

  /** SQLite has one writer and the transaction holds it (BEGIN IMMEDIATE): the read is already exclusive. */
  async findHitForUpdate(hitId: string): Promise<StoredHit | undefined> {
    return this.findHit(hitId);
  }

  async findHit(hitId: string): Promise<StoredHit | undefined> {
    const row = this.statement('SELECT * FROM screening_hits WHERE hit_id = ?').get(hitId) as
      Row | undefined;
    return row === undefined ? undefined : hitFromRow(row);
  }

  async decideHit(write: HitDecisionWrite): Promise<boolean> {
    this.journal.row('screening_hits', write.hitId);
    const result = this.statement(
      "UPDATE screening_hits SET status = ?, decided_by = ?, decided_at_us = ?, decision_reason = ? WHERE hit_id = ? AND status = 'open'",
    ).run(write.decision, write.decidedBy, write.decidedAtUs, write.reason, write.hitId);
    return result.changes === 1;
  }

  async activeHitsForParties(partyIds: readonly string[]): Promise<StoredHit[]> {
    const rows = this.statement(
      `SELECT * FROM screening_hits WHERE party_id IN (SELECT value FROM json_each(?)) AND status IN (${activeStatusesSql}) ORDER BY party_id, source, entry_id`,
    ).all(ids(partyIds)) as Row[];
    return rows.map(hitFromRow);
  }

  async partyIdsWithActiveHitsOn(
    source: ListSource,
    entryIds: readonly string[],
  ): Promise<string[]> {
    const rows = this.statement(
      `SELECT DISTINCT party_id FROM screening_hits WHERE source = ? AND entry_id IN (SELECT value FROM json_each(?)) AND status IN (${activeStatusesSql}) ORDER BY party_id`,
    )
      .raw(true)
      .all(source, ids(entryIds)) as [string][];
    return rows.map(([partyId]) => partyId);
  }

  async listHits(query: {
    status: HitStatus;
    limit: number;
    after?: { raisedAtUs: InstantUs; hitId: string };
  }): Promise<StoredHit[]> {
    const rows =
      query.after === undefined
        ? this.statement(
            'SELECT * FROM screening_hits WHERE status = ? ORDER BY raised_at_us, hit_id LIMIT ?',
          ).all(query.status, query.limit)
        : this.statement(
            'SELECT * FROM screening_hits WHERE status = ? AND (raised_at_us > ? OR (raised_at_us = ? AND hit_id > ?)) ORDER BY raised_at_us, hit_id LIMIT ?',
          ).all(
            query.status,
            query.after.raisedAtUs,
            query.after.raisedAtUs,
            query.after.hitId,
            query.limit,
          );
    return (rows as Row[]).map(hitFromRow);
  }

  async insertDecision(decision: RememberedDecision): Promise<void> {
    this.journal.row('screening_decisions', decision.decisionId);
    this.statement(
      `INSERT INTO screening_decisions (${decisionColumns.join(', ')}) VALUES (${placeholders(decisionColumns.length)})`,
    ).run(...decisionToValues(decision));
  }

  async decisionsForParties(partyIds: readonly string[]): Promise<RememberedDecision[]> {
    const rows = this.statement(
      'SELECT * FROM screening_decisions WHERE party_id IN (SELECT value FROM json_each(?)) ORDER BY decided_at_us, decision_id',
    ).all(ids(partyIds)) as Row[];
    return rows.map(decisionFromRow);
  }
}
