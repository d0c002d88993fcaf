import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { InstantUs } from '../../../core/time/instant.js';
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
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;
const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`;

export class PostgresBankRepository implements BankRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  private async changed(sql: string, values: unknown[]): Promise<boolean> {
    return (await this.db.query(sql, values.map(sqlValue))).rowCount === 1;
  }

  async insertRun(run: InstructionRunRecord): Promise<void> {
    this.journal.row('bank_instruction_runs', run.messageId);
    await this.rows(insertSql('bank_instruction_runs', runColumns), runToValues(run));
  }

  async getRun(messageId: string): Promise<InstructionRunRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM bank_instruction_runs WHERE message_id = $1', [
      messageId,
    ]);
    return row ? runFromRow(row) : undefined;
  }

  async insertPayments(payments: readonly BankPaymentRecord[]): Promise<void> {
    for (const payment of payments) this.journal.row('bank_payments', payment.disbursementId);
    for (const payment of payments)
      await this.rows(insertSql('bank_payments', paymentColumns), paymentToValues(payment));
  }

  async paymentsOfProgramme(programmeId: string): Promise<BankPaymentRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM bank_payments WHERE programme_id = $1 ORDER BY disbursement_id LIMIT $2',
        [programmeId, bankPaymentsPerProgrammeMax],
      )
    ).map(paymentFromRow);
  }

  async paymentsOfRun(messageId: string): Promise<BankPaymentRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM bank_payments WHERE message_id = $1 ORDER BY disbursement_id',
        [messageId],
      )
    ).map(paymentFromRow);
  }

  async getPayment(disbursementId: string): Promise<BankPaymentRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM bank_payments WHERE disbursement_id = $1', [
      disbursementId,
    ]);
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
    return this.changed(
      'UPDATE bank_payments SET bank_status = $1, bank_reference = $2, reason_code = $3, updated_at_us = $4 WHERE disbursement_id = $5 AND bank_status = $6',
      [
        change.bankStatus,
        change.bankReference,
        change.reasonCode,
        change.updatedAtUs,
        disbursementId,
        expectedStatus,
      ],
    );
  }

  async getFile(fileSha256: string): Promise<BankFileRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM bank_files WHERE file_sha256 = $1', [fileSha256]);
    return row ? fileFromRow(row) : undefined;
  }

  async insertFile(file: BankFileRecord): Promise<void> {
    this.journal.row('bank_files', file.fileSha256);
    await this.rows(insertSql('bank_files', fileColumns), fileToValues(file));
  }

  async insertExceptions(exceptions: readonly ReconciliationException[]): Promise<void> {
    for (const entry of exceptions) this.journal.row('bank_exceptions', entry.exceptionId);
    for (const entry of exceptions)
      await this.rows(insertSql('bank_exceptions', exceptionColumns), exceptionToValues(entry));
  }

  async listExceptions(
    programmeId: string,
    filter: {
      openOnly: boolean;
      limit: number;
      after?: { raisedAtUs: InstantUs; exceptionId: string };
    },
  ): Promise<ReconciliationException[]> {
    // COLLATE "C": SQLite's byte order, so a cursor means the same on both stores
    const open = filter.openOnly ? ' AND resolved_at_us IS NULL' : '';
    const rows =
      filter.after === undefined
        ? await this.rows(
            `SELECT * FROM bank_exceptions WHERE programme_id = $1${open} ORDER BY raised_at_us, exception_id COLLATE "C" LIMIT $2`,
            [programmeId, filter.limit],
          )
        : await this.rows(
            `SELECT * FROM bank_exceptions WHERE programme_id = $1${open} AND (raised_at_us > $2 OR (raised_at_us = $2 AND exception_id COLLATE "C" > $3)) ORDER BY raised_at_us, exception_id COLLATE "C" LIMIT $4`,
            [programmeId, filter.after.raisedAtUs, filter.after.exceptionId, filter.limit],
          );
    return rows.map(exceptionFromRow);
  }

  async getException(exceptionId: string): Promise<ReconciliationException | undefined> {
    const [row] = await this.rows('SELECT * FROM bank_exceptions WHERE exception_id = $1', [
      exceptionId,
    ]);
    return row ? exceptionFromRow(row) : undefined;
  }

  async resolveException(
    exceptionId: string,
    resolvedBy: string,
    resolution: string,
    resolvedAtUs: bigint,
  ): Promise<boolean> {
    this.journal.row('bank_exceptions', exceptionId);
    return this.changed(
      'UPDATE bank_exceptions SET resolved_by = $1, resolution = $2, resolved_at_us = $3 WHERE exception_id = $4 AND resolved_at_us IS NULL',
      [resolvedBy, resolution, resolvedAtUs, exceptionId],
    );
  }
}
