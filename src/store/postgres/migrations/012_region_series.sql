-- Ballast store, version 12 (PostgreSQL; mirrors sqlite/migrations/012_region_series.sql): region
-- series, the figures published per region. NULL = not given; growth in percent as published.
CREATE TABLE region_series (
  region TEXT NOT NULL,
  indicator TEXT NOT NULL,
  period BIGINT NOT NULL,           -- year * 12 + month - 1
  value DOUBLE PRECISION,
  ytd DOUBLE PRECISION,
  yoy DOUBLE PRECISION,
  ytd_yoy DOUBLE PRECISION,
  PRIMARY KEY (region, indicator, period)
);
