import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type Database from 'better-sqlite3';
import type { Row } from '../../../app/ports/row-values.js';
import {
  bankPaymentsPerProgrammeMax,
  type BankFileRecord,
  type BankPaymentRecord,
  type BankRepository,
  type InstructionRunRecord,
  type ReconciliationException,
} from '../../../app/ports/bank-port.js';
import {
  exceptionColumns,
  exceptionFromRow,
  exceptionToValues,
  fileColumns,
  fileFromRow,
  fileToValues,
  paymentColumns,
  paymentFromRow,
  paymentToValues,
  runColumns,
  runFromRow,
  runToValues,
} from '../bank-rows.js';
import type { BankPaymentStatus } from '../../../app/bank/reconcile.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

export class SqliteBankRepository implements BankRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async insertRun(run: InstructionRunRecord): Promise<void> {
    this.journal.row('bank_instruction_runs', run.messageId);
    this.sql.get(insertSql('bank_instruction_runs', runColumns)).run(...runToValues(run));
  }

  async getRun(messageId: string): Promise<InstructionRunRecord | undefined> {
    const row = this.sql
      .get('SELECT * FROM bank_instruction_runs WHERE message_id = ?')
      .get(messageId) as Row | undefined;
    return row ? runFromRow(row) : undefined;
  }

  async insertPayments(payments: readonly BankPaymentRecord[]): Promise<void> {
    for (const payment of payments) this.journal.row('bank_payments', payment.disbursementId);
    const statement = this.sql.get(insertSql('bank_payments', paymentColumns));
    for (const payment of payments) statement.run(...paymentToValues(payment));
  }

  async paymentsOfProgramme(programmeId: string): Promise<BankPaymentRecord[]> {
    return (
      this.sql
        .get('SELECT * FROM bank_payments WHERE programme_id = ? ORDER BY disbursement_id LIMIT ?')
        .all(programmeId, bankPaymentsPerProgrammeMax) as Row[]
    ).map(paymentFromRow);
  }

  async paymentsOfRun(messageId: string): Promise<BankPaymentRecord[]> {
    return (
      this.sql
        .get('SELECT * FROM bank_payments WHERE message_id = ? ORDER BY disbursement_id')
        .all(messageId) as Row[]
    ).map(paymentFromRow);
  }

  async getPayment(disbursementId: string): Promise<BankPaymentRecord | undefined> {
    const row = this.sql
      .get('SELECT * FROM bank_payments WHERE disbursement_id = ?')
      .get(disbursementId) as Row | undefined;
    return row ? paymentFromRow(row) : undefined;
  }

  async updatePayment(
    disbursementId: string,
    change: {
      bankStatus: BankPaymentStatus;
      bankReference: string | null;
      reasonCode: string | null;
      updatedAtUs: bigint;
    },
    expectedStatus: BankPaymentStatus,
  ): Promise<boolean> {
    this.journal.row('bank_payments', disbursementId);
    return (
      this.sql
        .get(
          'UPDATE bank_payments SET bank_status = ?, bank_reference = ?, reason_code = ?, updated_at_us = ? WHERE disbursement_id = ? AND bank_status = ?',
        )
        .run(
          change.bankStatus,
          change.bankReference,
          change.reasonCode,
          change.updatedAtUs,
          disbursementId,
          expectedStatus,
        ).changes === 1
    );
  }

  async getFile(fileSha256: string): Promise<BankFileRecord | undefined> {
    const row = this.sql.get('SELECT * FROM bank_files WHERE file_sha256 = ?').get(fileSha256) as
      Row | undefined;
    return row ? fileFromRow(row) : undefined;
  }

  async insertFile(file: BankFileRecord): Promise<void> {
    this.journal.row('bank_files', file.fileSha256);
    this.sql.get(insertSql('bank_files', fileColumns)).run(...fileToValues(file));
  }

  async insertExceptions(exceptions: readonly ReconciliationException[]): Promise<void> {
    for (const entry of exceptions) this.journal.row('bank_exceptions', entry.exceptionId);
    const statement = this.sql.get(insertSql('bank_exceptions', exceptionColumns));
    for (const entry of exceptions) statement.run(...exceptionToValues(entry));
  }

  async listExceptions(
    programmeId: string,
    filter: {
      openOnly: boolean;
      limit: number;
      after?: { raisedAtUs: InstantUs; exceptionId: string };
    },
  ): Promise<ReconciliationException[]> {
    const open = filter.openOnly ? ' AND resolved_at_us IS NULL' : '';
    const rows =
      filter.after === undefined
        ? this.sql
            .get(
              `SELECT * FROM bank_exceptions WHERE programme_id = ?${open} ORDER BY raised_at_us, exception_id LIMIT ?`,
            )
            .all(programmeId, filter.limit)
        : this.sql
            .get(
              `SELECT * FROM bank_exceptions WHERE programme_id = ?${open} AND (raised_at_us > ? OR (raised_at_us = ? AND exception_id > ?)) ORDER BY raised_at_us, exception_id LIMIT ?`,
            )
            .all(
              programmeId,
              filter.after.raisedAtUs,
              filter.after.raisedAtUs,
              filter.after.exceptionId,
              filter.limit,
            );
    return (rows as Row[]).map(exceptionFromRow);
  }

  async getException(exceptionId: string): Promise<ReconciliationException | undefined> {
    const row = this.sql
      .get('SELECT * FROM bank_exceptions WHERE exception_id = ?')
      .get(exceptionId) as Row | undefined;
    return row ? exceptionFromRow(row) : undefined;
  }

  async resolveException(
    exceptionId: string,
    resolvedBy: string,
    resolution: string,
    resolvedAtUs: bigint,
  ): Promise<boolean> {
    this.journal.row('bank_exceptions', exceptionId);
    return (
      this.sql
        .get(
          'UPDATE bank_exceptions SET resolved_by = ?, resolution = ?, resolved_at_us = ? WHERE exception_id = ? AND resolved_at_us IS NULL',
        )
        .run(resolvedBy, resolution, resolvedAtUs, exceptionId).changes === 1
    );
  }
}
