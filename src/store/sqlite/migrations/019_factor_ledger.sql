-- Ballast store: the factor-guarantee ledger of major projects (要素保障台账, issue 15 item 1).
-- An item walks the enterprise service's loop (service/appeal.h, subject kind "factor"); its
-- loop columns carry the names of the appeal's. At most one open item per project and factor.
CREATE TABLE factor_item (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  project_id INTEGER NOT NULL REFERENCES project(id),
  factor TEXT NOT NULL,        -- land | energy | eia | funds | approval | labour
  description TEXT NOT NULL,
  unit TEXT NOT NULL,          -- the unit asked to solve it
  days INTEGER NOT NULL CHECK (days >= 1),  -- deadline in working days from dispatch
  source TEXT NOT NULL,        -- report:YYYY-MM | manual
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  open INTEGER NOT NULL,       -- 1 until a final state
  state TEXT NOT NULL,
  dispatched_at TEXT NOT NULL,
  response_due TEXT NOT NULL,
  due TEXT NOT NULL,
  first_response_at TEXT NOT NULL,
  replied_at TEXT NOT NULL,
  reply TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  extension_days_requested INTEGER NOT NULL,
  extensions INTEGER NOT NULL,
  escalations INTEGER NOT NULL
);
CREATE UNIQUE INDEX factor_item_open ON factor_item(project_id, factor) WHERE open = 1;
CREATE TABLE factor_event (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES factor_item(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  party TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  unit TEXT NOT NULL,
  reason TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX factor_event_item ON factor_event(item_id);
