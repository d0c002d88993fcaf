import type Database from 'better-sqlite3';
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
import { SqliteStatementCache } from './sqlite-statement-cache.js';

/** the caller columns of callerFromRow, for a row `r` with a user_id */
const callerColumns = `(SELECT json_group_array(json_array(role, programme_id)) FROM
    (SELECT role, programme_id FROM user_grants WHERE user_id = r.user_id ORDER BY role, programme_id)) AS caller_grants,
  (SELECT c.must_change_password FROM auth_credentials c WHERE c.user_id = r.user_id) AS caller_must_change_password,
  (SELECT group_concat(chain_id || ':' || chain_seq || ':' || hash, ',') FROM
    (SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY chain_id)) AS caller_store_version`;

const bit = (value: boolean): number => (value ? 1 : 0);

export class SqliteIdentityRepository implements IdentityRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async getCredential(userId: string): Promise<CredentialRecord | undefined> {
    const row = this.sql.get('SELECT * FROM auth_credentials WHERE user_id = ?').get(userId) as
      Row | undefined;
    return row ? credentialFromRow(row) : undefined;
  }

  async putCredential(r: CredentialRecord): Promise<void> {
    this.journal.row('auth_credentials', r.userId);
    this.sql
      .get(
        `INSERT INTO auth_credentials (user_id, password_hash, must_change_password, totp_secret, totp_enabled, totp_last_step, failed_logins, locked_until_us, updated_at_us)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
      must_change_password = excluded.must_change_password, totp_secret = excluded.totp_secret, totp_enabled = excluded.totp_enabled,
      totp_last_step = excluded.totp_last_step, failed_logins = excluded.failed_logins, locked_until_us = excluded.locked_until_us,
      updated_at_us = excluded.updated_at_us`,
      )
      .run(
        r.userId,
        r.passwordHash,
        bit(r.mustChangePassword),
        r.totpSecret,
        bit(r.totpEnabled),
        r.totpLastStep,
        r.failedLogins,
        r.lockedUntilUs,
        r.updatedAtUs,
      );
  }

  async listCredentialUserIds(page: { afterUserId?: string; limit: number }): Promise<string[]> {
    const rows = this.sql
      .get('SELECT user_id FROM auth_credentials WHERE user_id > ? ORDER BY user_id LIMIT ?')
      .all(page.afterUserId ?? '', page.limit) as Row[];
    return rows.map((row) => String(row.user_id));
  }

  async getSession(sessionSha256: string): Promise<SessionRecord | undefined> {
    const row = this.sql
      .get('SELECT * FROM auth_sessions WHERE session_sha256 = ?')
      .get(sessionSha256) as Row | undefined;
    return row ? sessionFromRow(row) : undefined;
  }

  async putSession(r: SessionRecord): Promise<void> {
    this.journal.row('auth_sessions', r.sessionSha256);
    this.sql
      .get(
        `INSERT INTO auth_sessions (session_sha256, user_id, csrf_token, second_factor_done, created_at_us, last_seen_us, expires_at_us, revoked_at_us)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_sha256) DO UPDATE SET second_factor_done = excluded.second_factor_done,
      last_seen_us = excluded.last_seen_us, revoked_at_us = excluded.revoked_at_us`,
      )
      .run(
        r.sessionSha256,
        r.userId,
        r.csrfToken,
        bit(r.secondFactorDone),
        r.createdAtUs,
        r.lastSeenUs,
        r.expiresAtUs,
        r.revokedAtUs,
      );
  }

  async getToken(tokenId: string): Promise<ApiTokenRecord | undefined> {
    const row = this.sql.get('SELECT * FROM auth_tokens WHERE token_id = ?').get(tokenId) as
      Row | undefined;
    return row ? tokenFromRow(row) : undefined;
  }

  async sessionCaller(sessionSha256: string): Promise<CallerRecord<SessionRecord> | undefined> {
    const row = this.sql
      .get(`SELECT r.*, ${callerColumns} FROM auth_sessions r WHERE r.session_sha256 = ?`)
      .get(sessionSha256) as Row | undefined;
    return row ? callerFromRow(row, sessionFromRow) : undefined;
  }

  async tokenCaller(tokenId: string): Promise<CallerRecord<ApiTokenRecord> | undefined> {
    const row = this.sql
      .get(`SELECT r.*, ${callerColumns} FROM auth_tokens r WHERE r.token_id = ?`)
      .get(tokenId) as Row | undefined;
    return row ? callerFromRow(row, tokenFromRow) : undefined;
  }

  async putToken(r: ApiTokenRecord): Promise<void> {
    this.journal.row('auth_tokens', r.tokenId);
    this.sql
      .get(
        `INSERT INTO auth_tokens (token_id, user_id, secret_sha256, label, scopes, created_at_us, expires_at_us, revoked_at_us)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO UPDATE SET revoked_at_us = excluded.revoked_at_us`,
      )
      .run(
        r.tokenId,
        r.userId,
        r.secretSha256,
        r.label,
        JSON.stringify(r.scopes),
        r.createdAtUs,
        r.expiresAtUs,
        r.revokedAtUs,
      );
  }

  async listTokens(
    userId: string,
    page: { afterTokenId?: string; limit: number },
  ): Promise<ApiTokenRecord[]> {
    const rows = this.sql
      .get('SELECT * FROM auth_tokens WHERE user_id = ? AND token_id > ? ORDER BY token_id LIMIT ?')
      .all(userId, page.afterTokenId ?? '', page.limit) as Row[];
    return rows.map(tokenFromRow);
  }

  async reserveIdempotency(r: IdempotencyRecord): Promise<boolean> {
    const insert = this.sql.get(`INSERT INTO idempotency_records
      (user_id, idempotency_key, request_sha256, status_code, response_json, created_at_us)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    const { changes } = insert.run(
      r.userId,
      r.key,
      r.requestSha256,
      r.statusCode,
      r.responseJson,
      r.createdAtUs,
    );
    const inserted = changes === 1;
    // a key already taken is left as it was: nothing to bind, so a replay appends no audit event
    if (inserted) this.journal.row('idempotency_records', r.userId, r.key);
    return inserted;
  }

  async getIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.sql
      .get('SELECT * FROM idempotency_records WHERE user_id = ? AND idempotency_key = ?')
      .get(userId, key) as Row | undefined;
    return row ? idempotencyFromRow(row) : undefined;
  }

  async completeIdempotency(
    userId: string,
    key: string,
    statusCode: number,
    responseJson: string,
  ): Promise<void> {
    this.journal.row('idempotency_records', userId, key);
    this.sql
      .get(
        'UPDATE idempotency_records SET status_code = ?, response_json = ? WHERE user_id = ? AND idempotency_key = ?',
      )
      .run(statusCode, responseJson, userId, key);
  }

  async releaseIdempotency(userId: string, key: string): Promise<void> {
    this.journal.row('idempotency_records', userId, key);
    this.sql
      .get(
        'DELETE FROM idempotency_records WHERE user_id = ? AND idempotency_key = ? AND status_code = 0',
      )
      .run(userId, key);
  }
}
