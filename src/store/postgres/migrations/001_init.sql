-- Ballast store, version 1 (PostgreSQL; mirrors sqlite/migrations/001_init.sql).
CREATE TABLE catalog (
  name TEXT PRIMARY KEY,           -- regions | industries | indicators
  content TEXT NOT NULL            -- the CSV text as shipped in data/
);
-- Ids are assigned by the store under an advisory lock (max + 1), as SQLite does.
CREATE TABLE batch (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('enterprises', 'observations')),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  user_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  rows BIGINT NOT NULL
);
CREATE TABLE enterprise (
  id BIGINT PRIMARY KEY,
  uscc TEXT NOT NULL UNIQUE
);
CREATE TABLE enterprise_version (
  enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
  batch_id BIGINT NOT NULL REFERENCES batch(id),
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  industry TEXT NOT NULL,
  size TEXT NOT NULL,
  tags TEXT NOT NULL,              -- ';'-separated
  PRIMARY KEY (enterprise_id, batch_id)
);
CREATE INDEX enterprise_version_batch ON enterprise_version(batch_id);
-- Observations of a batch for one indicator and period, encoded by store/chunk_codec.
CREATE TABLE observation_chunk (
  batch_id BIGINT NOT NULL REFERENCES batch(id),
  indicator TEXT NOT NULL,
  period BIGINT NOT NULL,          -- year * 12 + month - 1
  rows BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (batch_id, indicator, period)
);
ALTER TABLE observation_chunk ALTER COLUMN data SET STORAGE EXTERNAL;  -- chunks are compressed already
