-- Ballast store, version 8 (PostgreSQL; mirrors sqlite/migrations/008_roster_prices.sql): the
-- above-scale roster, price indices and value-added rates by industry.
ALTER TABLE enterprise_version ADD COLUMN entered TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise_version ADD COLUMN exited TEXT NOT NULL DEFAULT '';
CREATE TABLE price_index (
  industry TEXT NOT NULL,
  period BIGINT NOT NULL,          -- year * 12 + month - 1
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (industry, period)
);
CREATE TABLE va_rate (
  industry TEXT PRIMARY KEY,
  rate DOUBLE PRECISION NOT NULL
);
