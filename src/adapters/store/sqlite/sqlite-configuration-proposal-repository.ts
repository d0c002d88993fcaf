import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type Database from 'better-sqlite3';
import type { Row } from '../../../app/ports/ledger-rows.js';
import {
  proposalColumns,
  proposalFromRow,
  proposalToValues,
} from '../configuration-proposal-rows.js';
import type {
  ConfigurationDecision,
  ConfigurationProposalRecord,
  ConfigurationProposalRepository,
  ConfigurationProposalStatus,
} from '../../../app/ports/configuration-proposal-port.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteConfigurationProposalRepository implements ConfigurationProposalRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async nextProposalNo(): Promise<number> {
    const row = this.sql
      .get('SELECT COALESCE(MAX(proposal_no), 0) + 1 AS next FROM configuration_proposals')
      .get() as Row;
    return Number(row.next);
  }

  async insert(record: ConfigurationProposalRecord): Promise<void> {
    this.journal.row('configuration_proposals', record.proposalId);
    this.sql
      .get(
        `INSERT INTO configuration_proposals (${proposalColumns.join(', ')}) VALUES (${proposalColumns.map(() => '?').join(', ')})`,
      )
      .run(...proposalToValues(record, 'integer'));
  }

  async get(proposalId: string): Promise<ConfigurationProposalRecord | undefined> {
    const row = this.sql
      .get('SELECT * FROM configuration_proposals WHERE proposal_id = ?')
      .get(proposalId) as Row | undefined;
    return row ? proposalFromRow(row) : undefined;
  }

  async getForDecision(proposalId: string): Promise<ConfigurationProposalRecord | undefined> {
    // SQLite has one writer at a time: the transaction that reads it is the only one deciding
    return this.get(proposalId);
  }

  async decide(proposalId: string, d: ConfigurationDecision): Promise<boolean> {
    this.journal.row('configuration_proposals', proposalId);
    const result = this.sql
      .get(
        "UPDATE configuration_proposals SET status = ?, decided_by = ?, decided_at_us = ?, decision_reason = ? WHERE proposal_id = ? AND status = 'proposed'",
      )
      .run(d.status, d.decidedBy, d.decidedAtUs, d.reason, proposalId);
    return result.changes === 1;
  }

  async list(filter: {
    programmeId?: string;
    status?: ConfigurationProposalStatus;
    afterProposalNo?: number;
    limit: number;
  }): Promise<ConfigurationProposalRecord[]> {
    const rows = this.sql
      .get(
        'SELECT * FROM configuration_proposals WHERE (? IS NULL OR programme_id = ?) AND (? IS NULL OR status = ?) AND proposal_no > ? ORDER BY proposal_no LIMIT ?',
      )
      .all(
        filter.programmeId ?? null,
        filter.programmeId ?? null,
        filter.status ?? null,
        filter.status ?? null,
        filter.afterProposalNo ?? 0,
        filter.limit,
      ) as Row[];
    return rows.map(proposalFromRow);
  }
}
