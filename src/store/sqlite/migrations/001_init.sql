-- Ballast store, version 1.
CREATE TABLE catalog (
  name TEXT PRIMARY KEY,           -- regions | industries | indicators
  content TEXT NOT NULL            -- the CSV text as shipped in data/
);
CREATE TABLE batch (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('enterprises', 'observations')),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  user_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  rows INTEGER NOT NULL
);
CREATE TABLE enterprise (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL UNIQUE
);
CREATE TABLE enterprise_version (
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
  batch_id INTEGER NOT NULL REFERENCES batch(id),
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  industry TEXT NOT NULL,
  size TEXT NOT NULL,
  tags TEXT NOT NULL,              -- ';'-separated
  PRIMARY KEY (enterprise_id, batch_id)
) WITHOUT ROWID;
-- Observations of a batch for one indicator and period, encoded by store/chunk_codec.
CREATE TABLE observation_chunk (
  batch_id INTEGER NOT NULL REFERENCES batch(id),
  indicator TEXT NOT NULL,
  period INTEGER NOT NULL,         -- year * 12 + month - 1
  rows INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (batch_id, indicator, period)
);
