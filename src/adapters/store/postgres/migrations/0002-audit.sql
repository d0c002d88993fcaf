CREATE TABLE audit_events (
  seq BIGSERIAL PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  chain_seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  at_us BIGINT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_by_chain ON audit_events (chain_id, chain_seq);
CREATE INDEX audit_events_by_subject ON audit_events (subject, seq);

CREATE TABLE audit_chain_heads (
  chain_id INTEGER PRIMARY KEY,
  chain_seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE audit_checkpoints (
  id BIGSERIAL PRIMARY KEY,
  at_us BIGINT NOT NULL,
  heads TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL
);
