-- Ballast store: joint handling (会办) and escalation notices (督办) of appeals (issue 14 item 5).
-- A co-unit's part: what the lead asks of it, by when, and its answer or the lead's waiver.
-- Both tables are internal: the enterprise never reads them.
CREATE TABLE service_joint_part (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  appeal_id INTEGER NOT NULL REFERENCES service_appeal(id),
  unit TEXT NOT NULL,
  question TEXT NOT NULL,
  due TEXT NOT NULL,
  state TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  waive_reason TEXT NOT NULL DEFAULT '',
  waived_by TEXT NOT NULL DEFAULT '',
  waived_at TEXT NOT NULL DEFAULT '',
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX service_joint_part_appeal ON service_joint_part(appeal_id);
CREATE INDEX service_joint_part_unit ON service_joint_part(unit);
-- A 督办 notice: an escalation addressed to one unit, with its own deadline and answer.
CREATE TABLE service_notice (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  appeal_id INTEGER NOT NULL REFERENCES service_appeal(id),
  region TEXT NOT NULL,
  unit TEXT NOT NULL,
  reason TEXT NOT NULL,
  due TEXT NOT NULL,
  state TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX service_notice_appeal ON service_notice(appeal_id);
CREATE INDEX service_notice_unit ON service_notice(unit);
