import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { Row } from '../../../app/ports/row-values.js';
import type {
  ListImportJob,
  ListImportJobRepository,
} from '../../../app/ports/list-import-job-port.js';
import {
  listImportJobColumns,
  listImportJobFromRow,
  listImportJobToValues,
} from '../list-import-job-rows.js';
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresListImportJobRepository implements ListImportJobRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async query(sql: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number }> {
    const result = await this.db.query(sql, values.map(sqlValue));
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async insertIfAbsent(job: ListImportJob): Promise<boolean> {
    const placeholders = listImportJobToValues(job)
      .map((_, index) => `$${index + 1}`)
      .join(', ');
    const result = await this.query(
      `INSERT INTO list_import_jobs (${listImportJobColumns}) VALUES (${placeholders}) ON CONFLICT (job_id) DO NOTHING`,
      listImportJobToValues(job),
    );
    if (result.rowCount === 0) return false;
    this.journal.row('list_import_jobs', job.jobId);
    return true;
  }

  async get(jobId: string): Promise<ListImportJob | undefined> {
    const [row] = (await this.query('SELECT * FROM list_import_jobs WHERE job_id = $1', [jobId]))
      .rows;
    return row ? listImportJobFromRow(row) : undefined;
  }

  async update(job: ListImportJob): Promise<void> {
    const values = listImportJobToValues(job);
    this.journal.row('list_import_jobs', job.jobId);
    await this.query(
      'UPDATE list_import_jobs SET phase = $1, result = $2, error_code = $3, error_detail = $4, updated_at_us = $5 WHERE job_id = $6',
      [values[6], values[7], values[8], values[9], values[11], job.jobId],
    );
  }

  async listUnfinished(limit: number): Promise<ListImportJob[]> {
    const rows = (
      await this.query(
        "SELECT * FROM list_import_jobs WHERE phase IN ('queued', 'parsing', 'storing') ORDER BY created_at_us, job_id LIMIT $1",
        [limit],
      )
    ).rows;
    return rows.map(listImportJobFromRow);
  }
}
