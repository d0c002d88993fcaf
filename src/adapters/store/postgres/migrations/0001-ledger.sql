CREATE TABLE ledger_accounts (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  currency TEXT NOT NULL,
  kind TEXT NOT NULL,
  flag_debits_must_not_exceed_credits BOOLEAN NOT NULL,
  flag_credits_must_not_exceed_debits BOOLEAN NOT NULL,
  debits_posted_minor BIGINT NOT NULL DEFAULT 0 CHECK (debits_posted_minor >= 0),
  credits_posted_minor BIGINT NOT NULL DEFAULT 0 CHECK (credits_posted_minor >= 0),
  debits_pending_minor BIGINT NOT NULL DEFAULT 0 CHECK (debits_pending_minor >= 0),
  credits_pending_minor BIGINT NOT NULL DEFAULT 0 CHECK (credits_pending_minor >= 0),
  created_at_us BIGINT NOT NULL,
  last_transfer_at_us BIGINT NOT NULL
);

CREATE TABLE ledger_transfers (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  debit_account_id TEXT NOT NULL,
  credit_account_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL,
  pending_id TEXT,
  expires_at_us BIGINT,
  timestamp_us BIGINT NOT NULL,
  code TEXT,
  memo TEXT,
  metadata TEXT NOT NULL,
  debit_after_debits_posted_minor BIGINT NOT NULL,
  debit_after_credits_posted_minor BIGINT NOT NULL,
  debit_after_debits_pending_minor BIGINT NOT NULL,
  debit_after_credits_pending_minor BIGINT NOT NULL,
  credit_after_debits_posted_minor BIGINT NOT NULL,
  credit_after_credits_posted_minor BIGINT NOT NULL,
  credit_after_debits_pending_minor BIGINT NOT NULL,
  credit_after_credits_pending_minor BIGINT NOT NULL,
  audit_event_seq BIGINT NOT NULL,
  batch_position INTEGER NOT NULL
);

-- Transfer timestamps are strictly increasing per account, so (account, timestamp) is unique:
-- these indexes serve history paging and point-in-time balances, and assert the invariant.
CREATE UNIQUE INDEX ledger_transfers_by_debit_account ON ledger_transfers (debit_account_id, timestamp_us);
CREATE UNIQUE INDEX ledger_transfers_by_credit_account ON ledger_transfers (credit_account_id, timestamp_us);
CREATE INDEX ledger_transfers_expiring ON ledger_transfers (expires_at_us) WHERE expires_at_us IS NOT NULL;

CREATE TABLE ledger_pending_resolutions (
  pending_id TEXT PRIMARY KEY,
  resolved_by_id TEXT NOT NULL UNIQUE
);
