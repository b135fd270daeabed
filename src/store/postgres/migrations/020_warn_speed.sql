-- Ballast store (PostgreSQL): a counter of writes to the alerts. Every write of alerts (an
-- evaluation that changed something, a handling step, a mute) raises it in the same
-- transaction, so a process that holds the live alerts in memory learns with one small query
-- whether another process wrote alerts since it read them (app/warnings.cpp).
CREATE TABLE warn_alert_version (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO warn_alert_version(id, version) VALUES (1, 0);
