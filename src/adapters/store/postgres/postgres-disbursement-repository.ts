import type { Row } from '../../../app/ports/ledger-rows.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
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
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresDisbursementRepository implements DisbursementRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async get(disbursementId: string): Promise<DisbursementRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM disbursements WHERE disbursement_id = $1', [
      disbursementId,
    ]);
    return row ? disbursementFromRow(row) : undefined;
  }

  async insert(record: DisbursementRecord): Promise<void> {
    this.journal.row('disbursements', record.disbursementId);
    await this.rows(
      `INSERT INTO disbursements (${disbursementColumns.join(', ')}) VALUES (${disbursementColumns.map((_, index) => `$${index + 1}`).join(', ')})`,
      disbursementToValues(record),
    );
  }

  /**
   * Under READ COMMITTED a second writer blocks on the row, then re-checks the WHERE clause
   * against the committed row: its version no longer matches, so it updates nothing.
   */
  async update(record: DisbursementRecord, expectedVersion: number): Promise<boolean> {
    this.journal.row('disbursements', record.disbursementId);
    const values = disbursementToValues(record);
    const result = await this.db.query(
      `UPDATE disbursements SET status = $1, version = $2, state_body = $3, cap_period_key = $4, waiver_id = $5, updated_at_us = $6
       WHERE disbursement_id = $7 AND version = $8`,
      [
        values[4],
        record.version,
        values[7],
        record.capPeriodKey,
        record.waiverId,
        record.updatedAtUs,
        record.disbursementId,
        expectedVersion,
      ].map(sqlValue),
    );
    return result.rowCount === 1;
  }

  async list(
    programmeId: string,
    filter: { status?: DisbursementStatus; limit: number },
  ): Promise<DisbursementRecord[]> {
    const rows = filter.status
      ? await this.rows(
          'SELECT * FROM disbursements WHERE programme_id = $1 AND status = $2 ORDER BY created_at_us, disbursement_id LIMIT $3',
          [programmeId, filter.status, filter.limit],
        )
      : await this.rows(
          'SELECT * FROM disbursements WHERE programme_id = $1 ORDER BY created_at_us, disbursement_id LIMIT $2',
          [programmeId, filter.limit],
        );
    return rows.map(disbursementFromRow);
  }

  async listPage(
    programmeId: string,
    page: { status?: DisbursementStatus; afterDisbursementId?: string; limit: number },
  ): Promise<DisbursementRecord[]> {
    // COLLATE "C": the byte order SQLite uses, so a cursor means the same on both stores
    const after = page.afterDisbursementId ?? '';
    const rows = page.status
      ? await this.rows(
          'SELECT * FROM disbursements WHERE programme_id = $1 AND status = $2 AND disbursement_id COLLATE "C" > $3 ORDER BY disbursement_id COLLATE "C" LIMIT $4',
          [programmeId, page.status, after, page.limit],
        )
      : await this.rows(
          'SELECT * FROM disbursements WHERE programme_id = $1 AND disbursement_id COLLATE "C" > $2 ORDER BY disbursement_id COLLATE "C" LIMIT $3',
          [programmeId, after, page.limit],
        );
    return rows.map(disbursementFromRow);
  }

  async listCommitted(programmeId: string): Promise<DisbursementRecord[]> {
    return (
      await this.rows(
        "SELECT * FROM disbursements WHERE programme_id = $1 AND (status IN ('funds_reserved', 'instructed', 'executed') OR (status = 'compliance_review' AND waiver_id IS NOT NULL)) ORDER BY disbursement_id",
        [programmeId],
      )
    ).map(disbursementFromRow);
  }

  async attachDocument(a: DocumentAttachment): Promise<boolean> {
    this.journal.row('disbursement_documents', a.disbursementId, a.kind, a.sha256);
    const result = await this.db.query(
      'INSERT INTO disbursement_documents (disbursement_id, kind, sha256, attached_by, attached_at_us) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [a.disbursementId, a.kind, a.sha256, a.attachedBy, a.attachedAtUs.toString()],
    );
    return result.rowCount === 1;
  }

  async listDocuments(disbursementId: string): Promise<DocumentAttachment[]> {
    return (
      await this.rows(
        'SELECT * FROM disbursement_documents WHERE disbursement_id = $1 ORDER BY attached_at_us, kind, sha256',
        [disbursementId],
      )
    ).map(attachmentFromRow);
  }

  async listChangedSince(
    programmeId: string,
    sinceUs: bigint,
    limit: number,
  ): Promise<DisbursementRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM disbursements WHERE programme_id = $1 AND updated_at_us >= $2 ORDER BY updated_at_us, disbursement_id LIMIT $3',
        [programmeId, sinceUs, limit],
      )
    ).map(disbursementFromRow);
  }

  async attachmentsOf(sha256s: readonly string[]): Promise<DocumentAttachment[]> {
    if (sha256s.length === 0) return [];
    return (
      await this.rows(
        'SELECT * FROM disbursement_documents WHERE sha256 = ANY($1::text[]) ORDER BY disbursement_id, kind, sha256',
        [[...sha256s]],
      )
    ).map(attachmentFromRow);
  }
}
