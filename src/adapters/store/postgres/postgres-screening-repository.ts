import type { ListSnapshot } from '../../../core/screening-review/list-snapshot.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type {
  HitStatus,
  RememberedDecision,
  StoredHit,
} from '../../../core/screening-review/screening-hit.js';
import type { ListSource } from '../../../core/screening/entry.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
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
import type { Queryable } from './queryable.js';

const placeholders = (count: number) =>
  Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;
/** Rows per unnest statement: 15,000 list entries go in a few round trips, not 15,000. */
const insertChunkRowsMax = 5_000;

const hitColumnTypes: Record<(typeof hitColumns)[number], string> = {
  hit_id: 'text',
  party_id: 'text',
  source: 'text',
  entry_id: 'text',
  entry_content_sha256: 'text',
  snapshot_id: 'text',
  query_name: 'text',
  matched_name: 'text',
  score: 'float8',
  explanation: 'text',
  status: 'text',
  request_id: 'text',
  requested_by: 'text',
  raised_at_us: 'int8',
  decided_by: 'text',
  decided_at_us: 'int8',
  decision_reason: 'text',
  applied_decision_id: 'text',
  closed_at_us: 'int8',
};

/** Columns of row arrays, for unnest. */
function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) row.forEach((value, index) => columns[index]!.push(sqlValue(value)));
  return columns;
}

export class PostgresScreeningRepository implements ScreeningRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  async currentSnapshots(): Promise<ListSnapshot[]> {
    const { rows } = await this.db.query(
      'SELECT DISTINCT ON (source) * FROM screening_snapshots ORDER BY source, version DESC',
    );
    return (rows as Row[]).map(snapshotFromRow);
  }

  async snapshotHistory(
    source: ListSource,
    limit: number,
    beforeVersion?: number,
  ): Promise<ListSnapshot[]> {
    const { rows } = await this.db.query(
      'SELECT * FROM screening_snapshots WHERE source = $1 AND version < $2 ORDER BY version DESC LIMIT $3',
      [source, beforeVersion ?? 2_147_483_647, limit],
    );
    return (rows as Row[]).map(snapshotFromRow);
  }

  async insertSnapshot(snapshot: ListSnapshot, entries: readonly StoredListEntry[]): Promise<void> {
    this.journal.row('screening_snapshots', snapshot.snapshotId);
    this.journal.rowSet('screening_list_entries', snapshot.source);
    this.journal.rowSet('screening_snapshot_entries', snapshot.snapshotId);
    await this.db.query(
      `INSERT INTO screening_snapshots (${snapshotColumns.join(', ')}) VALUES (${placeholders(snapshotColumns.length)})`,
      snapshotToValues(snapshot).map(sqlValue),
    );
    for (let start = 0; start < entries.length; start += insertChunkRowsMax) {
      const chunk = entries.slice(start, start + insertChunkRowsMax);
      const hashes = chunk.map((stored) => stored.contentSha256);
      const entryIds = chunk.map((stored) => stored.entryId);
      await this.db.query(
        `INSERT INTO screening_list_entries (content_sha256, source, entry_id, entry)
         SELECT h, $1, e, j FROM unnest($2::text[], $3::text[], $4::text[]) AS t(h, e, j) ON CONFLICT (content_sha256) DO NOTHING`,
        [snapshot.source, hashes, entryIds, chunk.map((stored) => JSON.stringify(stored.entry))],
      );
      await this.db.query(
        'INSERT INTO screening_snapshot_entries (snapshot_id, entry_id, content_sha256) SELECT $1, e, h FROM unnest($2::text[], $3::text[]) AS t(e, h)',
        [snapshot.snapshotId, entryIds, hashes],
      );
    }
  }

  async snapshotEntryHashes(snapshotId: string): Promise<Map<string, string>> {
    const { rows } = await this.db.query<{ entry_id: string; content_sha256: string }>(
      'SELECT entry_id, content_sha256 FROM screening_snapshot_entries WHERE snapshot_id = $1',
      [snapshotId],
    );
    return new Map(rows.map((row) => [row.entry_id, row.content_sha256]));
  }

  async snapshotEntries(
    snapshotId: string,
    entryIds?: readonly string[],
  ): Promise<StoredListEntry[]> {
    const select = `SELECT m.entry_id, m.content_sha256, e.entry FROM screening_snapshot_entries m
       JOIN screening_list_entries e ON e.content_sha256 = m.content_sha256 WHERE m.snapshot_id = $1`;
    const { rows } =
      entryIds === undefined
        ? await this.db.query(`${select} ORDER BY m.entry_id`, [snapshotId])
        : await this.db.query(`${select} AND m.entry_id = ANY($2::text[]) ORDER BY m.entry_id`, [
            snapshotId,
            [...entryIds],
          ]);
    return (rows as Row[]).map(listEntryFromRow);
  }

  async upsertParties(parties: readonly StoredScreenedParty[]): Promise<void> {
    for (const party of parties) this.journal.row('screening_parties', party.party.partyId);
    if (parties.length === 0) return;
    // registration is kept from the first time; the details and the update time follow the latest request
    const [ids, bodies, registeredBy, registeredAt, updatedAt] = columnsOf(
      parties.map(partyToValues),
      5,
    );
    await this.db.query(
      `INSERT INTO screening_parties (party_id, party, registered_by, registered_at_us, updated_at_us)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[])
       ON CONFLICT (party_id) DO UPDATE SET party = excluded.party, updated_at_us = excluded.updated_at_us`,
      [ids, bodies, registeredBy, registeredAt, updatedAt],
    );
  }

  async getParties(partyIds: readonly string[]): Promise<Map<string, StoredScreenedParty>> {
    const { rows } = await this.db.query(
      'SELECT * FROM screening_parties WHERE party_id = ANY($1::text[])',
      [[...new Set(partyIds)]],
    );
    return new Map((rows as Row[]).map((row) => [String(row.party_id), partyFromRow(row)]));
  }

  async listParties(page: {
    afterPartyId?: string;
    limit: number;
  }): Promise<StoredScreenedParty[]> {
    // COLLATE "C" so the order (and so the cursor) is byte order, as in SQLite
    const { rows } = await this.db.query(
      'SELECT * FROM screening_parties WHERE party_id COLLATE "C" > $1 ORDER BY party_id COLLATE "C" LIMIT $2',
      [page.afterPartyId ?? '', page.limit],
    );
    return (rows as Row[]).map(partyFromRow);
  }

  async insertHits(hits: readonly StoredHit[]): Promise<void> {
    for (const hit of hits) this.journal.row('screening_hits', hit.hitId);
    for (let start = 0; start < hits.length; start += insertChunkRowsMax) {
      const chunk = hits.slice(start, start + insertChunkRowsMax);
      await this.db.query(
        `INSERT INTO screening_hits (${hitColumns.join(', ')}) SELECT * FROM unnest(${hitColumns.map((column, index) => `$${index + 1}::${hitColumnTypes[column]}[]`).join(', ')})`,
        columnsOf(chunk.map(hitToValues), hitColumns.length),
      );
    }
  }

  async closeHits(
    hitIds: readonly string[],
    status: Extract<HitStatus, 'withdrawn' | 'superseded'>,
    closedAtUs: InstantUs,
  ): Promise<void> {
    for (const hitId of hitIds) this.journal.row('screening_hits', hitId);
    if (hitIds.length === 0) return;
    await this.db.query(
      `UPDATE screening_hits SET status = $1, closed_at_us = $2 WHERE hit_id = ANY($3::text[]) AND status IN (${activeStatusesSql})`,
      [status, closedAtUs.toString(), [...new Set(hitIds)]],
    );
  }

  async findHitForUpdate(hitId: string): Promise<StoredHit | undefined> {
    const { rows } = await this.db.query(
      'SELECT * FROM screening_hits WHERE hit_id = $1 FOR UPDATE',
      [hitId],
    );
    const row = rows[0] as Row | undefined;
    return row === undefined ? undefined : hitFromRow(row);
  }

  async findHit(hitId: string): Promise<StoredHit | undefined> {
    const { rows } = await this.db.query('SELECT * FROM screening_hits WHERE hit_id = $1', [hitId]);
    const row = rows[0] as Row | undefined;
    return row === undefined ? undefined : hitFromRow(row);
  }

  async decideHit(write: HitDecisionWrite): Promise<boolean> {
    this.journal.row('screening_hits', write.hitId);
    const result = await this.db.query(
      "UPDATE screening_hits SET status = $1, decided_by = $2, decided_at_us = $3, decision_reason = $4 WHERE hit_id = $5 AND status = 'open'",
      [write.decision, write.decidedBy, write.decidedAtUs.toString(), write.reason, write.hitId],
    );
    return result.rowCount === 1;
  }

  async activeHitsForParties(partyIds: readonly string[]): Promise<StoredHit[]> {
    const { rows } = await this.db.query(
      `SELECT * FROM screening_hits WHERE party_id = ANY($1::text[]) AND status IN (${activeStatusesSql}) ORDER BY party_id COLLATE "C", source, entry_id COLLATE "C"`,
      [[...new Set(partyIds)]],
    );
    return (rows as Row[]).map(hitFromRow);
  }

  async partyIdsWithActiveHitsOn(
    source: ListSource,
    entryIds: readonly string[],
  ): Promise<string[]> {
    const { rows } = await this.db.query<{ party_id: string }>(
      `SELECT DISTINCT party_id COLLATE "C" AS party_id FROM screening_hits WHERE source = $1 AND entry_id = ANY($2::text[]) AND status IN (${activeStatusesSql}) ORDER BY 1`,
      [source, [...new Set(entryIds)]],
    );
    return rows.map((row) => row.party_id);
  }

  async listHits(query: {
    status: HitStatus;
    limit: number;
    after?: { raisedAtUs: InstantUs; hitId: string };
  }): Promise<StoredHit[]> {
    const { rows } =
      query.after === undefined
        ? await this.db.query(
            'SELECT * FROM screening_hits WHERE status = $1 ORDER BY raised_at_us, hit_id COLLATE "C" LIMIT $2',
            [query.status, query.limit],
          )
        : await this.db.query(
            'SELECT * FROM screening_hits WHERE status = $1 AND (raised_at_us > $2 OR (raised_at_us = $2 AND hit_id COLLATE "C" > $3)) ORDER BY raised_at_us, hit_id COLLATE "C" LIMIT $4',
            [query.status, query.after.raisedAtUs, query.after.hitId, query.limit],
          );
    return (rows as Row[]).map(hitFromRow);
  }

  async insertDecision(decision: RememberedDecision): Promise<void> {
    this.journal.row('screening_decisions', decision.decisionId);
    await this.db.query(
      `INSERT INTO screening_decisions (${decisionColumns.join(', ')}) VALUES (${placeholders(decisionColumns.length)})`,
      decisionToValues(decision).map(sqlValue),
    );
  }

  async decisionsForParties(partyIds: readonly string[]): Promise<RememberedDecision[]> {
    const { rows } = await this.db.query(
      'SELECT * FROM screening_decisions WHERE party_id = ANY($1::text[]) ORDER BY decided_at_us, decision_id COLLATE "C"',
      [[...new Set(partyIds)]],
    );
    return (rows as Row[]).map(decisionFromRow);
  }
}
