-- Ballast store, version 12: region series (issue #12 item 4), the figures published per region
-- rather than summed from enterprises (工业投资, 技改投资, 地区生产总值, 全社会用电量; the
-- indicators of data/region_indicators.csv). NULL = not given; growth in percent as published.
-- A later import replaces the same (region, indicator, period).
CREATE TABLE region_series (
  region TEXT NOT NULL,             -- GB/T 2260
  indicator TEXT NOT NULL,
  period INTEGER NOT NULL,          -- year * 12 + month - 1
  value REAL,
  ytd REAL,
  yoy REAL,
  ytd_yoy REAL,
  PRIMARY KEY (region, indicator, period)
) WITHOUT ROWID;
