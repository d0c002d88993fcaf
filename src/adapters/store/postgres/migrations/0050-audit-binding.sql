-- One event per chain position: a copied or forged event cannot share a slot with a real one.
DROP INDEX audit_events_by_chain;
CREATE UNIQUE INDEX audit_events_by_chain ON audit_events (chain_id, chain_seq);
-- Checkpoints form a chain (each signs the previous one's hash) and sign the event count.
ALTER TABLE audit_checkpoints ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_checkpoints ADD COLUMN event_count BIGINT NOT NULL DEFAULT 0;
-- The commit order of row bindings: taken just before COMMIT, while the written rows are locked.
CREATE SEQUENCE audit_binding_order;
-- A checkpoint has one successor: two signers racing on the same predecessor cannot fork the chain.
CREATE UNIQUE INDEX audit_checkpoints_one_successor ON audit_checkpoints (prev_hash) WHERE prev_hash <> '';
