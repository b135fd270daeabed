-- Ballast store: which alerts each write touched. A process holding the live alerts in memory
-- (app/warnings.cpp) learns from the write counter that another process wrote; with these it
-- reads only the rows written since (`written`: the counter's value after the write that last
-- inserted or updated the row) and the ids removed since, instead of every alert again. Removal
-- records older than the last thousand writes are pruned; `removals_from` says from which
-- counter value on they are complete (a process further behind reads every alert).
ALTER TABLE warn_alert ADD COLUMN written INTEGER NOT NULL DEFAULT 0;
CREATE INDEX warn_alert_written ON warn_alert(written);
CREATE TABLE warn_alert_removed (
  alert_id INTEGER PRIMARY KEY,
  written INTEGER NOT NULL
);
CREATE INDEX warn_alert_removed_written ON warn_alert_removed(written);
ALTER TABLE warn_alert_version ADD COLUMN removals_from INTEGER NOT NULL DEFAULT 0;
UPDATE warn_alert_version SET removals_from = version;
