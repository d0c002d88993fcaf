-- Split aggregation and document reuse (issue 8): find the disbursements changed inside the
-- aggregation window, and every disbursement a document (by SHA-256) is attached to.
CREATE INDEX disbursements_by_programme_updated ON disbursements (programme_id, updated_at_us);
CREATE INDEX disbursement_documents_by_sha256 ON disbursement_documents (sha256);
