-- Ballast store, version 5: a keyed audit chain with a head record, login failures shared by
-- every process on the store, and the lookup of an enterprise by its code.
-- Entries written before the store had an audit key keep the unkeyed SHA-256 chain.
ALTER TABLE audit_log ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256'
  CHECK (scheme IN ('sha256', 'hmac-sha256'));
-- The newest entry and the count, MACed with the key, kept apart from the chain: removing the
-- newest entries (which leaves a valid chain) no longer matches it.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  entries INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL,
  keyed_from INTEGER NOT NULL,     -- every entry with id >= this must be keyed
  mac TEXT NOT NULL
);
-- Failed logins within the throttling window, per key ('account:NAME' or 'address:IP').
CREATE TABLE login_failure (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at INTEGER NOT NULL              -- unix seconds
);
CREATE INDEX login_failure_key ON login_failure(key, at);
CREATE INDEX login_failure_at ON login_failure(at);
