-- Supporting documents by content: the SHA-256 is the key, so a blob can never be replaced.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
  content BYTEA NOT NULL
);
