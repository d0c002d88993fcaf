import { readOnlyJournal, type RowJournal } from '../row-journal.js';
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
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresConfigurationProposalRepository implements ConfigurationProposalRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async nextProposalNo(): Promise<number> {
    const [row] = await this.rows(
      'SELECT COALESCE(MAX(proposal_no), 0) + 1 AS next FROM configuration_proposals',
      [],
    );
    return Number(row!.next);
  }

  async insert(record: ConfigurationProposalRecord): Promise<void> {
    this.journal.row('configuration_proposals', record.proposalId);
    await this.rows(
      `INSERT INTO configuration_proposals (${proposalColumns.join(', ')}) VALUES (${proposalColumns.map((_, index) => `$${index + 1}`).join(', ')})`,
      proposalToValues(record, 'boolean'),
    );
  }

  async get(proposalId: string): Promise<ConfigurationProposalRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM configuration_proposals WHERE proposal_id = $1', [
      proposalId,
    ]);
    return row ? proposalFromRow(row) : undefined;
  }

  async getForDecision(proposalId: string): Promise<ConfigurationProposalRecord | undefined> {
    // a racing decider waits here, then reads the decision that won
    const [row] = await this.rows(
      'SELECT * FROM configuration_proposals WHERE proposal_id = $1 FOR UPDATE',
      [proposalId],
    );
    return row ? proposalFromRow(row) : undefined;
  }

  async decide(proposalId: string, d: ConfigurationDecision): Promise<boolean> {
    this.journal.row('configuration_proposals', proposalId);
    const result = await this.db.query(
      "UPDATE configuration_proposals SET status = $1, decided_by = $2, decided_at_us = $3, decision_reason = $4 WHERE proposal_id = $5 AND status = 'proposed'",
      [d.status, d.decidedBy, d.decidedAtUs.toString(), d.reason, proposalId],
    );
    return result.rowCount === 1;
  }

  async list(filter: {
    programmeId?: string;
    status?: ConfigurationProposalStatus;
    afterProposalNo?: number;
    limit: number;
  }): Promise<ConfigurationProposalRecord[]> {
    const rows = await this.rows(
      'SELECT * FROM configuration_proposals WHERE ($1::text IS NULL OR programme_id = $1) AND ($2::text IS NULL OR status = $2) AND proposal_no > $3 ORDER BY proposal_no LIMIT $4',
      [
        filter.programmeId ?? null,
        filter.status ?? null,
        filter.afterProposalNo ?? 0,
        filter.limit,
      ],
    );
    return rows.map(proposalFromRow);
  }
}
