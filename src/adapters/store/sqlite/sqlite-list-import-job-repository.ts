import type Database from 'better-sqlite3';
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
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteListImportJobRepository implements ListImportJobRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async insertIfAbsent(job: ListImportJob): Promise<boolean> {
    const insert = this.sql.get(
      `INSERT INTO list_import_jobs (${listImportJobColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING`,
    );
    if (insert.run(...listImportJobToValues(job)).changes === 0) return false;
    this.journal.row('list_import_jobs', job.jobId);
    return true;
  }

  async get(jobId: string): Promise<ListImportJob | undefined> {
    const row = this.sql.get('SELECT * FROM list_import_jobs WHERE job_id = ?').get(jobId) as
      Row | undefined;
    return row ? listImportJobFromRow(row) : undefined;
  }

  async update(job: ListImportJob): Promise<void> {
    const values = listImportJobToValues(job);
    this.sql
      .get(
        'UPDATE list_import_jobs SET phase = ?, result = ?, error_code = ?, error_detail = ?, updated_at_us = ? WHERE job_id = ?',
      )
      .run(values[6], values[7], values[8], values[9], values[11], job.jobId);
    this.journal.row('list_import_jobs', job.jobId);
  }

  async listUnfinished(limit: number): Promise<ListImportJob[]> {
    const rows = this.sql
      .get(
        "SELECT * FROM list_import_jobs WHERE phase IN ('queued', 'parsing', 'storing') ORDER BY created_at_us, job_id LIMIT ?",
      )
      .all(limit) as Row[];
    return rows.map(listImportJobFromRow);
  }
}
