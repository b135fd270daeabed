-- Ballast store: supply chains (issue 16). Chains with their segments and segment edges, the firm
-- network (links) and firm attributes. Each kind is replaced as a whole by an import (one
-- transaction), and chain_import records who imported which file when.
CREATE TABLE chain_def (
  chain TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  region TEXT NOT NULL,
  lead_unit TEXT NOT NULL,
  ord INTEGER NOT NULL
);
CREATE TABLE chain_segment (
  chain TEXT NOT NULL REFERENCES chain_def(chain) ON DELETE CASCADE,
  segment TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('upstream', 'midstream', 'downstream')),
  industries TEXT NOT NULL,  -- ';'-separated GB/T 4754 codes
  products TEXT NOT NULL,    -- ';'-separated
  ord INTEGER NOT NULL,
  PRIMARY KEY (chain, segment)
);
CREATE TABLE chain_segment_edge (
  chain TEXT NOT NULL,
  from_segment TEXT NOT NULL,
  to_segment TEXT NOT NULL,
  products TEXT NOT NULL,
  ord INTEGER NOT NULL,
  FOREIGN KEY (chain, from_segment) REFERENCES chain_segment(chain, segment) ON DELETE CASCADE,
  FOREIGN KEY (chain, to_segment) REFERENCES chain_segment(chain, segment) ON DELETE CASCADE
);
CREATE TABLE chain_firm_link (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL,
  customer TEXT NOT NULL,
  product TEXT NOT NULL,
  value REAL NOT NULL CHECK (value >= 0),
  lead_days REAL,
  CHECK (supplier <> customer)
);
CREATE INDEX chain_firm_link_customer ON chain_firm_link(customer);
CREATE TABLE chain_firm (
  firm TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  industry TEXT NOT NULL,
  capacity REAL,
  inventory_days REAL
);
CREATE TABLE chain_import (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,  -- chains | links | firms
  file_name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
