-- Bank messaging (issue 11). An instruction run is one pain.001 file, kept as sent; each payment
-- row ties a disbursement to its end-to-end id and UETR and follows what the bank said about it.
-- Files from the bank are recorded by SHA-256 (the same file is applied once), and what did not
-- match waits in bank_exceptions until treasury resolves it with a reason.
CREATE TABLE bank_instruction_runs (
  message_id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL,
  file_sha256 TEXT NOT NULL UNIQUE CHECK (length(file_sha256) = 64),
  file_xml TEXT NOT NULL,
  payment_count INTEGER NOT NULL CHECK (payment_count >= 1),
  created_by TEXT NOT NULL,
  created_at_us INTEGER NOT NULL
) STRICT;

CREATE TABLE bank_payments (
  disbursement_id TEXT PRIMARY KEY REFERENCES disbursements (disbursement_id),
  programme_id TEXT NOT NULL,
  message_id TEXT NOT NULL REFERENCES bank_instruction_runs (message_id),
  end_to_end_id TEXT NOT NULL,
  uetr TEXT NOT NULL UNIQUE,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL,
  bank_status TEXT NOT NULL CHECK (bank_status IN ('sent', 'accepted', 'rejected', 'booked', 'returned')),
  bank_reference TEXT,
  reason_code TEXT,
  updated_at_us INTEGER NOT NULL,
  UNIQUE (programme_id, end_to_end_id)
) STRICT;
CREATE INDEX bank_payments_by_run ON bank_payments (message_id);

CREATE TABLE bank_files (
  file_sha256 TEXT PRIMARY KEY CHECK (length(file_sha256) = 64),
  programme_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pain.002.001.10', 'camt.054.001.08')),
  message_id TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at_us INTEGER NOT NULL,
  summary_json TEXT NOT NULL
) STRICT;

CREATE TABLE bank_exceptions (
  exception_id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL,
  file_sha256 TEXT NOT NULL REFERENCES bank_files (file_sha256),
  entry_index INTEGER NOT NULL CHECK (entry_index >= 1),
  code TEXT NOT NULL,
  disbursement_id TEXT,
  end_to_end_id TEXT,
  uetr TEXT,
  message TEXT NOT NULL,
  raised_at_us INTEGER NOT NULL,
  resolved_by TEXT,
  resolution TEXT,
  resolved_at_us INTEGER,
  CHECK ((resolved_at_us IS NULL) = (resolved_by IS NULL) AND (resolved_by IS NULL) = (resolution IS NULL))
) STRICT;
CREATE INDEX bank_exceptions_by_programme ON bank_exceptions (programme_id, resolved_at_us);
