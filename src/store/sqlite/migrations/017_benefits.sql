-- Ballast store: policy matching (惠企政策, issue 14 item 6). The policy library (eligibility as
-- the condition text of docs/benefits.md), the benefit of each (policy, enterprise) as recorded
-- by staff, and the standard answers (标准答复) per appeal category.
CREATE TABLE benefit_policy (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  issuer TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  valid_from TEXT NOT NULL,  -- Beijing date YYYY-MM-DD or ''
  valid_to TEXT NOT NULL,
  summary TEXT NOT NULL,
  benefit TEXT NOT NULL,
  conditions TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE benefit_record (
  policy_id TEXT NOT NULL REFERENCES benefit_policy(id),
  uscc TEXT NOT NULL,
  region TEXT NOT NULL,  -- the enterprise's region when recorded (for counts by region)
  status TEXT NOT NULL CHECK (status IN ('applied', 'granted', 'refused')),
  applied_on TEXT NOT NULL,  -- Beijing dates
  decided_on TEXT NOT NULL,
  amount REAL CHECK (amount IS NULL OR amount >= 0),  -- 万元, granted only
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (policy_id, uscc)
);
CREATE INDEX benefit_record_region ON benefit_record(region);
CREATE TABLE standard_answer (
  id INTEGER PRIMARY KEY,
  region TEXT NOT NULL,  -- the scope it belongs to ('' or 100000 = the whole country)
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  edited_by TEXT NOT NULL,
  edited_at TEXT NOT NULL
);
CREATE INDEX standard_answer_category ON standard_answer(category);
