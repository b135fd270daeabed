-- Ballast store, version 2: users, sessions and the audit log.
CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,     -- Argon2id, libsodium's encoded form
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'dispatcher', 'handler', 'enterprise', 'viewer')),
  region TEXT NOT NULL,            -- scope: a GB/T 2260 node (100000 = the country)
  unit TEXT NOT NULL DEFAULT '',   -- handlers: the responsible unit
  uscc TEXT NOT NULL DEFAULT '',   -- enterprise users: their enterprise
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,     -- SHA-256 of the token; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,     -- unix seconds
  last_seen INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_user ON session(user_id);
-- Append-only: each entry's hash covers its content and the previous entry's hash.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  result TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
