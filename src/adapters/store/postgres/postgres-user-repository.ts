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
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresUserRepository implements UserRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM programme_users WHERE user_id = $1', [userId]);
    return row ? userFromRow(row) : undefined;
  }

  async insertUser(r: UserRecord): Promise<void> {
    this.journal.row('programme_users', r.userId);
    await this.rows(
      "INSERT INTO programme_users (user_id, roles, updated_at_us) VALUES ($1, '[]', $2) ON CONFLICT (user_id) DO NOTHING",
      [r.userId, r.createdAtUs],
    );
  }

  async grantsOf(userId: string): Promise<StoredGrant[]> {
    return (
      await this.rows('SELECT * FROM user_grants WHERE user_id = $1 ORDER BY role, programme_id', [
        userId,
      ])
    ).map(grantFromRow);
  }

  async replaceGrants(userId: string, grants: readonly StoredGrant[]): Promise<void> {
    this.journal.rowSet('user_grants', userId);
    await this.rows('DELETE FROM user_grants WHERE user_id = $1', [userId]);
    for (const g of grants) {
      await this.rows(
        'INSERT INTO user_grants (user_id, role, programme_id, granted_by, granted_at_us) VALUES ($1, $2, $3, $4, $5)',
        [userId, g.role, g.programmeId, g.grantedBy, g.grantedAtUs],
      );
    }
  }

  async administratorIds(): Promise<string[]> {
    return (
      await this.rows(
        "SELECT DISTINCT user_id FROM user_grants WHERE role = 'administrator' ORDER BY user_id",
        [],
      )
    ).map((row) => String(row.user_id));
  }

  async listUsers(limit: number): Promise<UserRecord[]> {
    return (
      await this.rows('SELECT * FROM programme_users ORDER BY user_id LIMIT $1', [limit])
    ).map(userFromRow);
  }

  async insertProposal(p: RoleChangeProposal): Promise<void> {
    this.journal.row('role_change_proposals', p.proposalId);
    await this.rows(
      'INSERT INTO role_change_proposals (proposal_id, user_id, grants_json, reason, proposed_by, proposed_at_us, status, decided_by, decided_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [
        p.proposalId,
        p.userId,
        grantsJson(p.grants),
        p.reason,
        p.proposedBy,
        p.proposedAtUs,
        p.status,
        p.decidedBy,
        p.decidedAtUs,
      ],
    );
  }

  async findProposalForUpdate(proposalId: string): Promise<RoleChangeProposal | undefined> {
    const [row] = await this.rows(
      'SELECT * FROM role_change_proposals WHERE proposal_id = $1 FOR UPDATE',
      [proposalId],
    );
    return row ? proposalFromRow(row) : undefined;
  }

  async markProposalApproved(
    proposalId: string,
    decidedBy: string,
    decidedAtUs: InstantUs,
  ): Promise<boolean> {
    this.journal.row('role_change_proposals', proposalId);
    const result = await this.db.query(
      "UPDATE role_change_proposals SET status = 'approved', decided_by = $1, decided_at_us = $2 WHERE proposal_id = $3 AND status = 'pending'",
      [decidedBy, decidedAtUs.toString(), proposalId],
    );
    return result.rowCount === 1;
  }

  async listProposals(
    status: RoleChangeStatus,
    limit: number,
    after?: { proposedAtUs: InstantUs; proposalId: string },
  ): Promise<RoleChangeProposal[]> {
    // COLLATE "C": SQLite's byte order, so a cursor means the same on both stores
    const rows =
      after === undefined
        ? await this.rows(
            'SELECT * FROM role_change_proposals WHERE status = $1 ORDER BY proposed_at_us, proposal_id COLLATE "C" LIMIT $2',
            [status, limit],
          )
        : await this.rows(
            'SELECT * FROM role_change_proposals WHERE status = $1 AND (proposed_at_us > $2 OR (proposed_at_us = $2 AND proposal_id COLLATE "C" > $3)) ORDER BY proposed_at_us, proposal_id COLLATE "C" LIMIT $4',
            [status, after.proposedAtUs, after.proposalId, limit],
          );
    return rows.map(proposalFromRow);
  }
}
