import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { Row } from '../../../app/ports/row-values.js';
import {
  callerFromRow,
  credentialFromRow,
  idempotencyFromRow,
  sessionFromRow,
  tokenFromRow,
} from '../identity-rows.js';
import type {
  ApiTokenRecord,
  CallerRecord,
  CredentialRecord,
  IdempotencyRecord,
  IdentityRepository,
  SessionRecord,
} from '../../../app/ports/identity-ports.js';
import type { Queryable } from './queryable.js';

/** the caller columns of callerFromRow, for a row `r` with a user_id; one statement, one snapshot */
const callerColumns = `(SELECT coalesce(json_agg(json_build_array(g.role, g.programme_id) ORDER BY g.role, g.programme_id), '[]'::json)
    FROM user_grants g WHERE g.user_id = r.user_id) AS caller_grants,
  (SELECT c.must_change_password FROM auth_credentials c WHERE c.user_id = r.user_id) AS caller_must_change_password,
  (SELECT string_agg(h.chain_id || ':' || h.chain_seq || ':' || h.hash, ',' ORDER BY h.chain_id) FROM audit_chain_heads h) AS caller_store_version`;

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresIdentityRepository implements IdentityRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async getCredential(userId: string): Promise<CredentialRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM auth_credentials WHERE user_id = $1', [userId]);
    return row ? credentialFromRow(row) : undefined;
  }

  async putCredential(r: CredentialRecord): Promise<void> {
    this.journal.row('auth_credentials', r.userId);
    await this.rows(
      `INSERT INTO auth_credentials (user_id, password_hash, must_change_password, totp_secret, totp_enabled, totp_last_step, failed_logins, locked_until_us, updated_at_us)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
      must_change_password = excluded.must_change_password, totp_secret = excluded.totp_secret, totp_enabled = excluded.totp_enabled,
      totp_last_step = excluded.totp_last_step, failed_logins = excluded.failed_logins, locked_until_us = excluded.locked_until_us,
      updated_at_us = excluded.updated_at_us`,
      [
        r.userId,
        r.passwordHash,
        r.mustChangePassword,
        r.totpSecret,
        r.totpEnabled,
        r.totpLastStep,
        r.failedLogins,
        r.lockedUntilUs,
        r.updatedAtUs,
      ],
    );
  }

  async listCredentialUserIds(page: { afterUserId?: string; limit: number }): Promise<string[]> {
    const rows = await this.rows(
      'SELECT user_id FROM auth_credentials WHERE user_id > $1 ORDER BY user_id LIMIT $2',
      [page.afterUserId ?? '', page.limit],
    );
    return rows.map((row) => String(row.user_id));
  }

  async getSession(sessionSha256: string): Promise<SessionRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM auth_sessions WHERE session_sha256 = $1', [
      sessionSha256,
    ]);
    return row ? sessionFromRow(row) : undefined;
  }

  async putSession(r: SessionRecord): Promise<void> {
    this.journal.row('auth_sessions', r.sessionSha256);
    await this.rows(
      `INSERT INTO auth_sessions (session_sha256, user_id, csrf_token, second_factor_done, created_at_us, last_seen_us, expires_at_us, revoked_at_us)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_sha256) DO UPDATE SET second_factor_done = excluded.second_factor_done,
      last_seen_us = excluded.last_seen_us, revoked_at_us = excluded.revoked_at_us`,
      [
        r.sessionSha256,
        r.userId,
        r.csrfToken,
        r.secondFactorDone,
        r.createdAtUs,
        r.lastSeenUs,
        r.expiresAtUs,
        r.revokedAtUs,
      ],
    );
  }

  async getToken(tokenId: string): Promise<ApiTokenRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM auth_tokens WHERE token_id = $1', [tokenId]);
    return row ? tokenFromRow(row) : undefined;
  }

  async sessionCaller(sessionSha256: string): Promise<CallerRecord<SessionRecord> | undefined> {
    // named: prepared once per connection, not parsed and planned on every request
    const { rows } = await this.db.query({
      name: 'qanat-session-caller',
      text: `SELECT r.*, ${callerColumns} FROM auth_sessions r WHERE r.session_sha256 = $1`,
      values: [sessionSha256],
    });
    return rows[0] ? callerFromRow(rows[0] as Row, sessionFromRow) : undefined;
  }

  async tokenCaller(tokenId: string): Promise<CallerRecord<ApiTokenRecord> | undefined> {
    const { rows } = await this.db.query({
      name: 'qanat-token-caller',
      text: `SELECT r.*, ${callerColumns} FROM auth_tokens r WHERE r.token_id = $1`,
      values: [tokenId],
    });
    return rows[0] ? callerFromRow(rows[0] as Row, tokenFromRow) : undefined;
  }

  async putToken(r: ApiTokenRecord): Promise<void> {
    this.journal.row('auth_tokens', r.tokenId);
    await this.rows(
      `INSERT INTO auth_tokens (token_id, user_id, secret_sha256, label, scopes, created_at_us, expires_at_us, revoked_at_us)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (token_id) DO UPDATE SET revoked_at_us = excluded.revoked_at_us`,
      [
        r.tokenId,
        r.userId,
        r.secretSha256,
        r.label,
        JSON.stringify(r.scopes),
        r.createdAtUs,
        r.expiresAtUs,
        r.revokedAtUs,
      ],
    );
  }

  async listTokens(
    userId: string,
    page: { afterTokenId?: string; limit: number },
  ): Promise<ApiTokenRecord[]> {
    const rows = await this.rows(
      'SELECT * FROM auth_tokens WHERE user_id = $1 AND token_id > $2 ORDER BY token_id LIMIT $3',
      [userId, page.afterTokenId ?? '', page.limit],
    );
    return rows.map(tokenFromRow);
  }

  async reserveIdempotency(r: IdempotencyRecord): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO idempotency_records (user_id, idempotency_key, request_sha256, status_code, response_json, created_at_us)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [r.userId, r.key, r.requestSha256, r.statusCode, r.responseJson, r.createdAtUs.toString()],
    );
    // a key already taken is left as it was: nothing to bind, so a replay appends no audit event
    if (result.rowCount !== 1) return false;
    this.journal.row('idempotency_records', r.userId, r.key);
    return true;
  }

  async getIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [row] = await this.rows(
      'SELECT * FROM idempotency_records WHERE user_id = $1 AND idempotency_key = $2',
      [userId, key],
    );
    return row ? idempotencyFromRow(row) : undefined;
  }

  async completeIdempotency(
    userId: string,
    key: string,
    statusCode: number,
    responseJson: string,
  ): Promise<void> {
    this.journal.row('idempotency_records', userId, key);
    await this.rows(
      'UPDATE idempotency_records SET status_code = $1, response_json = $2 WHERE user_id = $3 AND idempotency_key = $4',
      [statusCode, responseJson, userId, key],
    );
  }

  async releaseIdempotency(userId: string, key: string): Promise<void> {
    this.journal.row('idempotency_records', userId, key);
    await this.rows(
      'DELETE FROM idempotency_records WHERE user_id = $1 AND idempotency_key = $2 AND status_code = 0',
      [userId, key],
    );
  }
}
