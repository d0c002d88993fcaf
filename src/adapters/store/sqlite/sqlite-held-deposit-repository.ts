import type Database from 'better-sqlite3';
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
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteHeldDepositRepository implements HeldDepositRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async find(programmeId: string, depositIds: readonly string[]): Promise<HeldDepositRecord[]> {
    const rows = this.sql
      .get(
        'SELECT * FROM held_deposits WHERE programme_id = ? AND deposit_id IN (SELECT value FROM json_each(?)) ORDER BY held_at_us, deposit_id, content_sha256',
      )
      .all(programmeId, JSON.stringify(depositIds)) as Row[];
    return rows.map(heldDepositFromRow);
  }

  async list(programmeId: string, status?: HeldDepositStatus): Promise<HeldDepositRecord[]> {
    const rows =
      status === undefined
        ? this.sql
            .get(
              'SELECT * FROM held_deposits WHERE programme_id = ? ORDER BY held_at_us, deposit_id, content_sha256',
            )
            .all(programmeId)
        : this.sql
            .get(
              'SELECT * FROM held_deposits WHERE programme_id = ? AND status = ? ORDER BY held_at_us, deposit_id, content_sha256',
            )
            .all(programmeId, status);
    return (rows as Row[]).map(heldDepositFromRow);
  }

  async listPage(
    programmeId: string,
    page: {
      status: HeldDepositStatus;
      after?: { depositId: string; contentSha256: string };
      limit: number;
    },
  ): Promise<HeldDepositRecord[]> {
    const after = page.after ?? { depositId: '', contentSha256: '' };
    const rows = this.sql
      .get(
        'SELECT * FROM held_deposits WHERE programme_id = ? AND status = ? AND (deposit_id > ? OR (deposit_id = ? AND content_sha256 > ?)) ORDER BY deposit_id, content_sha256 LIMIT ?',
      )
      .all(
        programmeId,
        page.status,
        after.depositId,
        after.depositId,
        after.contentSha256,
        page.limit,
      );
    return (rows as Row[]).map(heldDepositFromRow);
  }

  async insert(records: readonly HeldDepositRecord[]): Promise<void> {
    const insert = this.sql.get(
      `INSERT INTO held_deposits (${heldDepositColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const record of records) insert.run(...heldDepositToValues(record));
    for (const record of records)
      this.journal.row(
        'held_deposits',
        record.programmeId,
        record.deposit.depositId,
        record.contentSha256,
      );
  }

  async decide(record: HeldDepositRecord): Promise<boolean> {
    const result = this.sql
      .get(
        "UPDATE held_deposits SET status = ?, decided_by = ?, decision_reason = ?, decided_at_us = ? WHERE programme_id = ? AND deposit_id = ? AND content_sha256 = ? AND status = 'held'",
      )
      .run(
        record.status,
        record.decidedBy,
        record.decisionReason,
        record.decidedAtUs,
        record.programmeId,
        record.deposit.depositId,
        record.contentSha256,
      );
    if (result.changes === 0) return false;
    this.journal.row(
      'held_deposits',
      record.programmeId,
      record.deposit.depositId,
      record.contentSha256,
    );
    return true;
  }
}
