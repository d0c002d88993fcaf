import type Database from 'better-sqlite3';
import type { InstantUs } from '../../../core/time/instant.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { Row } from '../../../app/ports/row-values.js';
import type {
  RoleChangeProposal,
  RoleChangeStatus,
  StoredGrant,
  UserRecord,
  UserRepository,
} from '../../../app/ports/user-repository-port.js';
import { grantFromRow, grantsJson, proposalFromRow, userFromRow } from '../user-rows.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteUserRepository implements UserRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const row = this.sql.get('SELECT * FROM programme_users WHERE user_id = ?').get(userId) as
      Row | undefined;
    return row ? userFromRow(row) : undefined;
  }

  async insertUser(r: UserRecord): Promise<void> {
    this.journal.row('programme_users', r.userId);
    this.sql
      .get(
        "INSERT INTO programme_users (user_id, roles, updated_at_us) VALUES (?, '[]', ?) ON CONFLICT (user_id) DO NOTHING",
      )
      .run(r.userId, r.createdAtUs);
  }

  async grantsOf(userId: string): Promise<StoredGrant[]> {
    return (
      this.sql
        .get('SELECT * FROM user_grants WHERE user_id = ? ORDER BY role, programme_id')
        .all(userId) as Row[]
    ).map(grantFromRow);
  }

  async replaceGrants(userId: string, grants: readonly StoredGrant[]): Promise<void> {
    this.journal.rowSet('user_grants', userId);
    this.sql.get('DELETE FROM user_grants WHERE user_id = ?').run(userId);
    const insert = this.sql.get(
      'INSERT INTO user_grants (user_id, role, programme_id, granted_by, granted_at_us) VALUES (?, ?, ?, ?, ?)',
    );
    for (const g of grants) insert.run(userId, g.role, g.programmeId, g.grantedBy, g.grantedAtUs);
  }

  async administratorIds(): Promise<string[]> {
    return (
      this.sql
        .get(
          "SELECT DISTINCT user_id FROM user_grants WHERE role = 'administrator' ORDER BY user_id",
        )
        .all() as Row[]
    ).map((row) => String(row.user_id));
  }

  async listUsers(limit: number): Promise<UserRecord[]> {
    return (
      this.sql.get('SELECT * FROM programme_users ORDER BY user_id LIMIT ?').all(limit) as Row[]
    ).map(userFromRow);
  }

  async insertProposal(p: RoleChangeProposal): Promise<void> {
    this.journal.row('role_change_proposals', p.proposalId);
    this.sql
      .get(
        'INSERT INTO role_change_proposals (proposal_id, user_id, grants_json, reason, proposed_by, proposed_at_us, status, decided_by, decided_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        p.proposalId,
        p.userId,
        grantsJson(p.grants),
        p.reason,
        p.proposedBy,
        p.proposedAtUs,
        p.status,
        p.decidedBy,
        p.decidedAtUs,
      );
  }

  async findProposalForUpdate(proposalId: string): Promise<RoleChangeProposal | undefined> {
    const row = this.sql
      .get('SELECT * FROM role_change_proposals WHERE proposal_id = ?')
      .get(proposalId) as Row | undefined;
    return row ? proposalFromRow(row) : undefined;
  }

  async markProposalApproved(
    proposalId: string,
    decidedBy: string,
    decidedAtUs: InstantUs,
  ): Promise<boolean> {
    this.journal.row('role_change_proposals', proposalId);
    return (
      this.sql
        .get(
          "UPDATE role_change_proposals SET status = 'approved', decided_by = ?, decided_at_us = ? WHERE proposal_id = ? AND status = 'pending'",
        )
        .run(decidedBy, decidedAtUs, proposalId).changes === 1
    );
  }

  async listProposals(
    status: RoleChangeStatus,
    limit: number,
    after?: { proposedAtUs: InstantUs; proposalId: string },
  ): Promise<RoleChangeProposal[]> {
    const rows =
      after === undefined
        ? this.sql
            .get(
              'SELECT * FROM role_change_proposals WHERE status = ? ORDER BY proposed_at_us, proposal_id LIMIT ?',
            )
            .all(status, limit)
        : this.sql
            .get(
              'SELECT * FROM role_change_proposals WHERE status = ? AND (proposed_at_us > ? OR (proposed_at_us = ? AND proposal_id > ?)) ORDER BY proposed_at_us, proposal_id LIMIT ?',
            )
            .all(status, after.proposedAtUs, after.proposedAtUs, after.proposalId, limit);
    return (rows as Row[]).map(proposalFromRow);
  }
}
