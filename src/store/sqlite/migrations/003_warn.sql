-- Ballast store, version 3: early warning (rules, alerts, silences), commodity series and
-- reported progress on policy targets.
-- Rule revisions; the latest revision of an id overrides the shipped rule of that id.
CREATE TABLE warn_rule (
  rule_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  body TEXT NOT NULL,              -- the rule as JSON (format of data/rules/)
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (rule_id, revision)
);
-- One row per alert episode; the live row of a fingerprint is the latest one that is not both
-- resolved and closed.
CREATE TABLE warn_alert (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  family TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  region TEXT NOT NULL,
  industry TEXT NOT NULL,
  units TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  period TEXT NOT NULL,
  value REAL NOT NULL,
  threshold REAL NOT NULL,
  streak INTEGER NOT NULL,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  fired_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  resolved_at TEXT NOT NULL,
  silenced_by INTEGER NOT NULL,
  inhibited INTEGER NOT NULL,
  handling TEXT NOT NULL CHECK (handling IN ('open', 'acknowledged', 'assigned', 'handled', 'closed')),
  assignee TEXT NOT NULL,
  deadline TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX warn_alert_fingerprint ON warn_alert(fingerprint, id);
CREATE INDEX warn_alert_live ON warn_alert(state, handling);
-- Append-only log of every transition and handling step, with who and when.
CREATE TABLE warn_alert_event (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES warn_alert(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX warn_alert_event_alert ON warn_alert_event(alert_id, id);
CREATE TABLE warn_silence (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  family TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  region TEXT NOT NULL,
  author TEXT NOT NULL,
  reason TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  expired_at TEXT NOT NULL,
  expired_by TEXT NOT NULL
);
-- Prices and supply of bulk raw materials; a re-import of (code, date) replaces the row.
CREATE TABLE commodity_point (
  code TEXT NOT NULL,
  date TEXT NOT NULL,              -- YYYY-MM-DD
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  price REAL NOT NULL,
  stock_days REAL,                 -- NULL = not given
  source TEXT NOT NULL,
  user_name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (code, date)
) WITHOUT ROWID;
-- Progress on policy targets as reported by the responsible units (append-only).
CREATE TABLE policy_progress (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL,
  value REAL NOT NULL,
  date TEXT NOT NULL,
  note TEXT NOT NULL,
  attachment TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX policy_progress_target ON policy_progress(target_id, date, id);
