import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { HeldDepositStatus } from '../../../core/programme/deposit-hold.js';
import type { Row } from '../../../app/ports/row-values.js';
import type {
  HeldDepositRecord,
  HeldDepositRepository,
} from '../../../app/ports/held-deposit-port.js';
import {
  heldDepositColumns,
  heldDepositFromRow,
  heldDepositToValues,
} from '../held-deposit-rows.js';
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;
const order = 'ORDER BY held_at_us, deposit_id, content_sha256';

export class PostgresHeldDepositRepository implements HeldDepositRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async find(programmeId: string, depositIds: readonly string[]): Promise<HeldDepositRecord[]> {
    return (
      await this.rows(
        `SELECT * FROM held_deposits WHERE programme_id = $1 AND deposit_id = ANY($2::text[]) ${order}`,
        [programmeId, [...depositIds]],
      )
    ).map(heldDepositFromRow);
  }

  async list(programmeId: string, status?: HeldDepositStatus): Promise<HeldDepositRecord[]> {
    const rows =
      status === undefined
        ? await this.rows(`SELECT * FROM held_deposits WHERE programme_id = $1 ${order}`, [
            programmeId,
          ])
        : await this.rows(
            `SELECT * FROM held_deposits WHERE programme_id = $1 AND status = $2 ${order}`,
            [programmeId, status],
          );
    return rows.map(heldDepositFromRow);
  }

  async listPage(
    programmeId: string,
    page: {
      status: HeldDepositStatus;
      after?: { depositId: string; contentSha256: string };
      limit: number;
    },
  ): Promise<HeldDepositRecord[]> {
    // COLLATE "C": SQLite's byte order, so a cursor means the same on both stores
    const after = page.after ?? { depositId: '', contentSha256: '' };
    const rows = await this.rows(
      'SELECT * FROM held_deposits WHERE programme_id = $1 AND status = $2 AND (deposit_id COLLATE "C" > $3 OR (deposit_id = $3 AND content_sha256 COLLATE "C" > $4)) ORDER BY deposit_id COLLATE "C", content_sha256 COLLATE "C" LIMIT $5',
      [programmeId, page.status, after.depositId, after.contentSha256, page.limit],
    );
    return rows.map(heldDepositFromRow);
  }

  async insert(records: readonly HeldDepositRecord[]): Promise<void> {
    for (const record of records)
      this.journal.row(
        'held_deposits',
        record.programmeId,
        record.deposit.depositId,
        record.contentSha256,
      );
    for (const record of records) {
      await this.rows(
        `INSERT INTO held_deposits (${heldDepositColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        heldDepositToValues(record),
      );
    }
  }

  async decide(record: HeldDepositRecord): Promise<boolean> {
    const result = await this.db.query(
      "UPDATE held_deposits SET status = $1, decided_by = $2, decision_reason = $3, decided_at_us = $4 WHERE programme_id = $5 AND deposit_id = $6 AND content_sha256 = $7 AND status = 'held'",
      [
        record.status,
        record.decidedBy,
        record.decisionReason,
        record.decidedAtUs,
        record.programmeId,
        record.deposit.depositId,
        record.contentSha256,
      ].map(sqlValue),
    );
    if (result.rowCount === 0) return false;
    this.journal.row(
      'held_deposits',
      record.programmeId,
      record.deposit.depositId,
      record.contentSha256,
    );
    return true;
  }
}
