-- Configuration changes proposed by one person, in force only once a second person approves
-- (docs/decisions.md). The decision columns are written once: by approval or rejection.
CREATE TABLE configuration_proposals (
  proposal_id TEXT PRIMARY KEY,
  proposal_no INTEGER NOT NULL UNIQUE CHECK (proposal_no >= 1),
  programme_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('programme_version', 'waiver')),
  subject_id TEXT NOT NULL,
  content_json TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  base_ref TEXT NOT NULL,
  touches_legal_basis BOOLEAN NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at_us BIGINT NOT NULL,
  proposal_reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
  decided_by TEXT,
  decided_at_us BIGINT,
  decision_reason TEXT,
  CHECK ((status = 'proposed') = (decided_by IS NULL)),
  CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
CREATE INDEX configuration_proposals_by_programme ON configuration_proposals (programme_id, status, proposal_no);
