-- Identity for the HTTP API (issue 10): local credentials, browser sessions, machine tokens and
-- the first answer of every idempotent POST. Secrets are stored only as hashes.
CREATE TABLE auth_credentials (
  user_id TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  must_change_password BOOLEAN NOT NULL,
  totp_secret TEXT,
  totp_enabled BOOLEAN NOT NULL,
  totp_last_step BIGINT,
  failed_logins INTEGER NOT NULL,
  locked_until_us BIGINT,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE auth_sessions (
  session_sha256 TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  second_factor_done BOOLEAN NOT NULL,
  created_at_us BIGINT NOT NULL,
  last_seen_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT
);

CREATE TABLE auth_tokens (
  token_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  label TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT
);
CREATE INDEX auth_tokens_by_user ON auth_tokens (user_id, token_id);

CREATE TABLE idempotency_records (
  user_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_sha256 TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  response_json TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
