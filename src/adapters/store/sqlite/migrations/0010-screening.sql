-- List snapshots: one row per imported version of a source; the delta against the version before
-- it is kept as JSON (added/removed/changed entry ids) because it is read whole, never queried.
CREATE TABLE screening_snapshots (
  snapshot_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  version INTEGER NOT NULL,
  published_at TEXT,
  content_sha256 TEXT NOT NULL,
  entry_count INTEGER NOT NULL,
  imported_at_us INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  previous_snapshot_id TEXT REFERENCES screening_snapshots (snapshot_id),
  delta TEXT NOT NULL,
  UNIQUE (source, version)
) STRICT;

-- Entry contents, stored once per content hash: a new snapshot that changes 40 entries of 15,000
-- adds 40 content rows, not 15,000.
CREATE TABLE screening_list_entries (
  content_sha256 TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  entry TEXT NOT NULL
) STRICT;

CREATE TABLE screening_snapshot_entries (
  snapshot_id TEXT NOT NULL REFERENCES screening_snapshots (snapshot_id),
  entry_id TEXT NOT NULL,
  content_sha256 TEXT NOT NULL REFERENCES screening_list_entries (content_sha256),
  PRIMARY KEY (snapshot_id, entry_id)
) STRICT;

CREATE TABLE screening_parties (
  party_id TEXT PRIMARY KEY,
  party TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  registered_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL
) STRICT;

CREATE TABLE screening_hits (
  hit_id TEXT PRIMARY KEY,
  party_id TEXT NOT NULL REFERENCES screening_parties (party_id),
  source TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  entry_content_sha256 TEXT NOT NULL,
  snapshot_id TEXT NOT NULL REFERENCES screening_snapshots (snapshot_id),
  query_name TEXT NOT NULL,
  matched_name TEXT NOT NULL,
  score REAL NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'true_match', 'false_positive', 'withdrawn', 'superseded')),
  request_id TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  raised_at_us INTEGER NOT NULL,
  decided_by TEXT,
  decided_at_us INTEGER,
  decision_reason TEXT,
  applied_decision_id TEXT,
  closed_at_us INTEGER
) STRICT;
CREATE INDEX screening_hits_by_party ON screening_hits (party_id, status);
CREATE INDEX screening_hits_by_entry ON screening_hits (source, entry_id, status);
CREATE INDEX screening_hits_by_status ON screening_hits (status, raised_at_us, hit_id);
-- At most one active hit per party and entry: the database's own guard for reconcilePartyHits.
CREATE UNIQUE INDEX screening_hits_one_active ON screening_hits (party_id, source, entry_id) WHERE status IN ('open', 'true_match', 'false_positive');

CREATE TABLE screening_decisions (
  decision_id TEXT PRIMARY KEY,
  hit_id TEXT NOT NULL REFERENCES screening_hits (hit_id),
  party_id TEXT NOT NULL,
  source TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  entry_content_sha256 TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('true_match', 'false_positive')),
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at_us INTEGER NOT NULL
) STRICT;
CREATE INDEX screening_decisions_by_party ON screening_decisions (party_id, source, entry_id);
