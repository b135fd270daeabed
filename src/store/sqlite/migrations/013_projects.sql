-- Ballast store: major projects (issue 15). The register (one row per project, optimistic
-- version) and the monthly dispatch reports: each (project, month) keeps every version, a
-- correction being a new version; reports are never updated or deleted.
CREATE TABLE project (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  investor_uscc TEXT NOT NULL,
  investor_name TEXT NOT NULL,
  region TEXT NOT NULL,
  park TEXT NOT NULL,
  industry TEXT NOT NULL,
  total_investment REAL NOT NULL CHECK (total_investment >= 0),  -- 万元
  annual_plan REAL NOT NULL CHECK (annual_plan >= 0),            -- 万元
  planned_signed TEXT NOT NULL,
  planned_started TEXT NOT NULL,
  planned_in_production TEXT NOT NULL,
  planned_at_capacity TEXT NOT NULL,
  actual_signed TEXT NOT NULL,
  actual_started TEXT NOT NULL,
  actual_in_production TEXT NOT NULL,
  actual_at_capacity TEXT NOT NULL,
  leader_province TEXT NOT NULL,
  leader_city TEXT NOT NULL,
  leader_county TEXT NOT NULL,
  unit TEXT NOT NULL,
  wl_construction INTEGER NOT NULL,
  wl_factors INTEGER NOT NULL,
  wl_finance INTEGER NOT NULL,
  main_bank TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX project_region ON project(region);
CREATE TABLE project_report (
  project_id INTEGER NOT NULL REFERENCES project(id),
  month TEXT NOT NULL,  -- YYYY-MM
  version INTEGER NOT NULL,
  investment REAL NOT NULL CHECK (investment >= 0),  -- 万元, completed in the month
  stage TEXT NOT NULL,       -- '' or the stage reached in the month
  stage_date TEXT NOT NULL,
  documents TEXT NOT NULL,   -- ';'-separated names
  blockers TEXT NOT NULL,    -- one line per factor: factor TAB unit TAB deadline TAB note
  note TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  PRIMARY KEY (project_id, month, version)
);
