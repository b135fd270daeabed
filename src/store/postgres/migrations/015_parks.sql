-- Ballast store (PostgreSQL; mirrors sqlite/migrations/015_parks.sql): parks (开发区/园区, issue 15 item 2). The parks, the enterprises' memberships with
-- dates, and each enterprise's yearly land, energy, tax and R&D for the 亩均 evaluation.
CREATE TABLE park (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,                       -- national | provincial
  region TEXT NOT NULL,                      -- GB/T 2260
  area_mu DOUBLE PRECISION NOT NULL CHECK (area_mu >= 0),  -- 亩
  industrial_land_share DOUBLE PRECISION NOT NULL CHECK (industrial_land_share BETWEEN 0 AND 1),
  leading_industries TEXT NOT NULL           -- 1–2 GB/T 4754 codes, ';'-separated
);
CREATE INDEX park_region ON park(region);
CREATE TABLE park_member (
  park TEXT NOT NULL REFERENCES park(code),
  uscc TEXT NOT NULL,
  from_date TEXT NOT NULL,  -- YYYY-MM-DD
  to_date TEXT NOT NULL,    -- YYYY-MM-DD or '' (still a member)
  PRIMARY KEY (park, uscc, from_date)
);
CREATE INDEX park_member_uscc ON park_member(uscc);
CREATE TABLE park_resource (
  uscc TEXT NOT NULL,
  year BIGINT NOT NULL,
  land_mu DOUBLE PRECISION NOT NULL CHECK (land_mu >= 0),        -- 亩
  energy_tce DOUBLE PRECISION NOT NULL CHECK (energy_tce >= 0),  -- 吨标准煤
  tax DOUBLE PRECISION NOT NULL CHECK (tax >= 0),                -- 万元
  rd_expense DOUBLE PRECISION CHECK (rd_expense >= 0),           -- 万元; NULL = not reported
  PRIMARY KEY (uscc, year)
);
