-- Sanctions list imports as durable jobs (issue 10: "list import with progress"; issue 14: the
-- list inbox): an upload over HTTP or a file dropped in the inbox folder. Any server process
-- reads a job's phase and outcome; a job left unfinished by a crash is marked failed at start.
-- An inbox job's id derives from the dropped bytes' SHA-256, so a file is imported once.
CREATE TABLE list_import_jobs (
  job_id TEXT PRIMARY KEY,
  origin TEXT NOT NULL CHECK (origin IN ('upload', 'inbox')),
  requested_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  files TEXT NOT NULL,
  files_sha256 TEXT CHECK (files_sha256 IS NULL OR length(files_sha256) = 64),
  phase TEXT NOT NULL CHECK (phase IN ('queued', 'parsing', 'storing', 'done', 'failed')),
  result TEXT,
  error_code TEXT,
  error_detail TEXT,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL,
  CHECK ((phase = 'failed') = (error_code IS NOT NULL)),
  CHECK ((phase = 'done') = (result IS NOT NULL))
) STRICT;
-- the jobs a start looks at for an interrupted run
CREATE INDEX list_import_jobs_unfinished ON list_import_jobs (created_at_us)
  WHERE phase IN ('queued', 'parsing', 'storing');
