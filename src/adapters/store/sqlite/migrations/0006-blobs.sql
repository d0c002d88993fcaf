-- The embedded store keeps document bytes as files named by their SHA-256 under <data dir>/blobs/
-- (sqlite-blob-repository.ts); the production store keeps them in a table (postgres 0006-blobs.sql).
-- This file exists so both migration folders keep the same numbering.
SELECT 1;
