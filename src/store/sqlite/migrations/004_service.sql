-- Ballast store, version 4: the enterprise service platform (万人助万企): appeals with their
-- transition log, assigned officials (包联干部), matchmaking events and configuration revisions.
CREATE TABLE service_appeal (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,          -- optimistic concurrency: every write bumps it
  uscc TEXT NOT NULL,
  enterprise_name TEXT NOT NULL,
  region TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  attachments TEXT NOT NULL,
  contact TEXT NOT NULL,
  channel TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  state TEXT NOT NULL,
  unit TEXT NOT NULL,
  co_units TEXT NOT NULL,
  complexity TEXT NOT NULL,
  dispatched_at TEXT NOT NULL,
  response_due TEXT NOT NULL,
  due TEXT NOT NULL,
  first_response_at TEXT NOT NULL,
  replied_at TEXT NOT NULL,
  reply TEXT NOT NULL,
  extension_days_requested INTEGER NOT NULL,
  extensions INTEGER NOT NULL,
  escalations INTEGER NOT NULL,
  reopen_count INTEGER NOT NULL,
  rating_solved INTEGER NOT NULL,
  satisfaction TEXT NOT NULL,
  rated_at TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  merged_into INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX service_appeal_uscc ON service_appeal(uscc);
CREATE INDEX service_appeal_unit ON service_appeal(unit);
-- The transition log is append-only.
CREATE TABLE service_appeal_event (
  id INTEGER PRIMARY KEY,
  appeal_id INTEGER NOT NULL REFERENCES service_appeal(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  party TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  unit TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX service_appeal_event_appeal ON service_appeal_event(appeal_id);
CREATE TRIGGER service_appeal_event_no_update BEFORE UPDATE ON service_appeal_event
  BEGIN SELECT RAISE(ABORT, 'the appeal log is append-only'); END;
CREATE TRIGGER service_appeal_event_no_delete BEFORE DELETE ON service_appeal_event
  BEGIN SELECT RAISE(ABORT, 'the appeal log is append-only'); END;
CREATE TABLE service_official (
  uscc TEXT NOT NULL,
  username TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  region TEXT NOT NULL,
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (uscc, username)
);
CREATE TABLE service_match_event (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('sales', 'finance', 'research', 'labour')),
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  region TEXT NOT NULL,
  organiser TEXT NOT NULL,
  participants TEXT NOT NULL,
  financing_amount REAL NOT NULL,
  research_results INTEGER NOT NULL,
  hires INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- Saved versions of the calendar, categories and dispatch catalogue; the latest overrides the
-- shipped file.
CREATE TABLE service_config (
  key TEXT NOT NULL,
  revision INTEGER NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (key, revision)
);
