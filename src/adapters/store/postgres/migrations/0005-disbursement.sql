-- The disbursement workflow. version is the optimistic lock: an update names the version it read,
-- so of two approvers racing on the last approval exactly one update lands.
CREATE TABLE disbursements (
  disbursement_id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL,
  programme_version_no INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  request_body TEXT NOT NULL,
  state_body TEXT NOT NULL,
  ledger_amount_minor BIGINT NOT NULL CHECK (ledger_amount_minor > 0),
  cap_amount_minor BIGINT NOT NULL CHECK (cap_amount_minor > 0),
  cap_period_key TEXT,
  waiver_id TEXT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX disbursements_by_programme_status ON disbursements (programme_id, status);

-- Documents are attached by content hash; an attachment is never replaced or removed.
CREATE TABLE disbursement_documents (
  disbursement_id TEXT NOT NULL REFERENCES disbursements (disbursement_id),
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  attached_by TEXT NOT NULL,
  attached_at_us BIGINT NOT NULL,
  PRIMARY KEY (disbursement_id, kind, sha256)
);
