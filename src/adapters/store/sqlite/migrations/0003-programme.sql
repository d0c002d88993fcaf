-- Programme files by version: a changed file adds a version, the old ones stay for the audit.
CREATE TABLE programme_versions (
  programme_id TEXT NOT NULL,
  version_no INTEGER NOT NULL CHECK (version_no >= 1),
  file_version TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  file_json TEXT NOT NULL,
  loaded_at_us INTEGER NOT NULL,
  PRIMARY KEY (programme_id, version_no)
) STRICT;

-- Waivers are records that arrive over time; only a revocation ever changes one.
CREATE TABLE programme_waivers (
  programme_id TEXT NOT NULL,
  waiver_id TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  waiver_json TEXT NOT NULL,
  recorded_at_us INTEGER NOT NULL,
  PRIMARY KEY (programme_id, waiver_id)
) STRICT;

-- Expiry warnings already sent (30/14/7 days), so each is raised once.
CREATE TABLE programme_waiver_warnings (
  programme_id TEXT NOT NULL,
  warning_key TEXT NOT NULL,
  sent_at_us INTEGER NOT NULL,
  PRIMARY KEY (programme_id, warning_key)
) STRICT;

-- Who may do what in the workflow (maker, approver, compliance_officer, overseer, treasury).
CREATE TABLE programme_users (
  user_id TEXT PRIMARY KEY,
  roles TEXT NOT NULL,
  updated_at_us INTEGER NOT NULL
) STRICT;
