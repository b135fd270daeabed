-- Ballast store, version 8: the above-scale roster of enterprises (first and last period on it),
-- ex-factory price indices by industry and value-added rates by industry (docs/measures.md).
-- '' = not given: on the roster since before the data / still on it.
ALTER TABLE enterprise_version ADD COLUMN entered TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise_version ADD COLUMN exited TEXT NOT NULL DEFAULT '';
-- The price index (same month of the previous year = 100) of a GB/T 4754 code (any level) or BCD;
-- a later import replaces the same (industry, period).
CREATE TABLE price_index (
  industry TEXT NOT NULL,
  period INTEGER NOT NULL,         -- year * 12 + month - 1
  value REAL NOT NULL,
  PRIMARY KEY (industry, period)
) WITHOUT ROWID;
-- Value added in percent of gross output, by GB/T 4754 code (any level); a later import
-- replaces the same code. Empty = the defaults shipped in data/va_rates.csv.
CREATE TABLE va_rate (
  industry TEXT PRIMARY KEY,
  rate REAL NOT NULL
) WITHOUT ROWID;
