-- Deposits whose conversion rate is held for a second person (issue 8, "rates are checked"): not
-- credited until someone other than the importer accepts them; a rejection keeps the row, with
-- its reason. One row per deposit id and content, so a corrected re-import keeps the old hold.
CREATE TABLE held_deposits (
  programme_id TEXT NOT NULL,
  deposit_id TEXT NOT NULL,
  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
  body TEXT NOT NULL,
  findings TEXT NOT NULL,
  held_by TEXT NOT NULL,
  held_at_us INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('held', 'accepted', 'rejected')),
  decided_by TEXT,
  decision_reason TEXT,
  decided_at_us INTEGER,
  PRIMARY KEY (programme_id, deposit_id, content_sha256),
  CHECK ((status = 'held') = (decided_by IS NULL))
) STRICT;
-- at most one open hold per deposit id
CREATE UNIQUE INDEX held_deposits_one_open ON held_deposits (programme_id, deposit_id) WHERE status = 'held';
