import type Database from 'better-sqlite3';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import {
  attachmentFromRow,
  disbursementColumns,
  disbursementFromRow,
  disbursementToValues,
} from '../programme-rows.js';
import type {
  DisbursementRecord,
  DisbursementRepository,
  DocumentAttachment,
} from '../../../app/ports/programme-ports.js';
import type { DisbursementStatus } from '../../../core/programme/disbursement-state-machine.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteDisbursementRepository implements DisbursementRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async get(disbursementId: string): Promise<DisbursementRecord | undefined> {
    const row = this.sql
      .get('SELECT * FROM disbursements WHERE disbursement_id = ?')
      .get(disbursementId) as Row | undefined;
    return row ? disbursementFromRow(row) : undefined;
  }

  async insert(record: DisbursementRecord): Promise<void> {
    this.journal.row('disbursements', record.disbursementId);
    this.sql
      .get(
        `INSERT INTO disbursements (${disbursementColumns.join(', ')}) VALUES (${disbursementColumns.map(() => '?').join(', ')})`,
      )
      .run(...disbursementToValues(record));
  }

  async update(record: DisbursementRecord, expectedVersion: number): Promise<boolean> {
    this.journal.row('disbursements', record.disbursementId);
    const values = disbursementToValues(record);
    const result = this.sql
      .get(
        `UPDATE disbursements SET status = ?, version = ?, state_body = ?, cap_period_key = ?, waiver_id = ?, updated_at_us = ?
       WHERE disbursement_id = ? AND version = ?`,
      )
      .run(
        values[4],
        record.version,
        values[7],
        record.capPeriodKey,
        record.waiverId,
        record.updatedAtUs,
        record.disbursementId,
        expectedVersion,
      );
    return result.changes === 1;
  }

  async list(
    programmeId: string,
    filter: { status?: DisbursementStatus; limit: number },
  ): Promise<DisbursementRecord[]> {
    const rows = filter.status
      ? this.sql
          .get(
            'SELECT * FROM disbursements WHERE programme_id = ? AND status = ? ORDER BY created_at_us, disbursement_id LIMIT ?',
          )
          .all(programmeId, filter.status, filter.limit)
      : this.sql
          .get(
            'SELECT * FROM disbursements WHERE programme_id = ? ORDER BY created_at_us, disbursement_id LIMIT ?',
          )
          .all(programmeId, filter.limit);
    return (rows as Row[]).map(disbursementFromRow);
  }

  async listPage(
    programmeId: string,
    page: { status?: DisbursementStatus; afterDisbursementId?: string; limit: number },
  ): Promise<DisbursementRecord[]> {
    const after = page.afterDisbursementId ?? '';
    const rows = page.status
      ? this.sql
          .get(
            'SELECT * FROM disbursements WHERE programme_id = ? AND status = ? AND disbursement_id > ? ORDER BY disbursement_id LIMIT ?',
          )
          .all(programmeId, page.status, after, page.limit)
      : this.sql
          .get(
            'SELECT * FROM disbursements WHERE programme_id = ? AND disbursement_id > ? ORDER BY disbursement_id LIMIT ?',
          )
          .all(programmeId, after, page.limit);
    return (rows as Row[]).map(disbursementFromRow);
  }

  async listCommitted(programmeId: string): Promise<DisbursementRecord[]> {
    return (
      this.sql
        .get(
          "SELECT * FROM disbursements WHERE programme_id = ? AND (status IN ('funds_reserved', 'instructed', 'executed') OR (status = 'compliance_review' AND waiver_id IS NOT NULL)) ORDER BY disbursement_id",
        )
        .all(programmeId) as Row[]
    ).map(disbursementFromRow);
  }

  async attachDocument(a: DocumentAttachment): Promise<boolean> {
    this.journal.row('disbursement_documents', a.disbursementId, a.kind, a.sha256);
    return (
      this.sql
        .get(
          'INSERT INTO disbursement_documents (disbursement_id, kind, sha256, attached_by, attached_at_us) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(a.disbursementId, a.kind, a.sha256, a.attachedBy, a.attachedAtUs).changes === 1
    );
  }

  async listDocuments(disbursementId: string): Promise<DocumentAttachment[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM disbursement_documents WHERE disbursement_id = ? ORDER BY attached_at_us, kind, sha256',
        )
        .all(disbursementId) as Row[]
    ).map(attachmentFromRow);
  }

  async listChangedSince(
    programmeId: string,
    sinceUs: bigint,
    limit: number,
  ): Promise<DisbursementRecord[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM disbursements WHERE programme_id = ? AND updated_at_us >= ? ORDER BY updated_at_us, disbursement_id LIMIT ?',
        )
        .all(programmeId, sinceUs, limit) as Row[]
    ).map(disbursementFromRow);
  }

  async attachmentsOf(sha256s: readonly string[]): Promise<DocumentAttachment[]> {
    if (sha256s.length === 0) return [];
    return (
      this.sql
        .get(
          `SELECT * FROM disbursement_documents WHERE sha256 IN (${sha256s.map(() => '?').join(', ')}) ORDER BY disbursement_id, kind, sha256`,
        )
        .all(...sha256s) as Row[]
    ).map(attachmentFromRow);
  }
}
