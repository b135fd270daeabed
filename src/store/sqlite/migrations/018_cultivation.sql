-- Ballast store: cultivation pipelines (培育库, 小升规, 专精特新; issue 15 item 3). Below-scale
-- enterprises held in a pool (never on the roster, never in the panel), their monthly or yearly
-- revenue, and the 专精特新 stages enterprises were recognised at by year.
CREATE TABLE cult_member (
  uscc TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL,    -- GB/T 2260
  industry TEXT NOT NULL,  -- GB/T 4754
  tags TEXT NOT NULL,      -- ';'-separated
  joined TEXT NOT NULL,    -- YYYY-MM
  left_on TEXT NOT NULL    -- YYYY-MM or '' (still in the pool)
);
CREATE INDEX cult_member_region ON cult_member(region);
CREATE TABLE cult_revenue (
  uscc TEXT NOT NULL,
  year INTEGER NOT NULL,
  month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),  -- 0 = the whole year
  revenue REAL NOT NULL CHECK (revenue >= 0),             -- 万元
  PRIMARY KEY (uscc, year, month)
);
CREATE TABLE cult_stage (
  uscc TEXT NOT NULL,
  stage TEXT NOT NULL,  -- candidate | provincial | little_giant | champion
  year INTEGER NOT NULL,
  rd_share REAL,            -- %; NULL = not reported
  revenue_growth REAL,      -- %
  main_product_share REAL,  -- %
  PRIMARY KEY (uscc, stage)
);
