-- Ballast store, version 7: the enterprise service, second version (issue 14): the acceptance
-- deadline and the rating window of an appeal, the public text of a step (the reply thread),
-- and notifications (in-app, with their delivery attempts by e-mail or other adapters).
ALTER TABLE service_appeal ADD COLUMN accept_due TEXT NOT NULL DEFAULT '';
ALTER TABLE service_appeal ADD COLUMN rating_due TEXT NOT NULL DEFAULT '';
ALTER TABLE service_appeal_event ADD COLUMN body TEXT NOT NULL DEFAULT '';
-- One row per recipient user; read_at '' = unread.
CREATE TABLE service_notification (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  kind TEXT NOT NULL,
  dedupe TEXT NOT NULL,            -- one notification per user and cause (a step, a reminder day)
  appeal_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL,
  email TEXT NOT NULL,             -- '' = in-app only
  delivery TEXT NOT NULL,          -- none | pending | sent | failed
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL
);
CREATE UNIQUE INDEX service_notification_cause ON service_notification(username, dedupe);
CREATE INDEX service_notification_delivery ON service_notification(delivery, next_attempt_at);
CREATE TABLE service_notification_attempt (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES service_notification(id),
  at TEXT NOT NULL,
  channel TEXT NOT NULL,
  ok INTEGER NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX service_notification_attempt_n ON service_notification_attempt(notification_id);
-- Where a user receives e-mail (users have no address of their own).
CREATE TABLE service_contact (
  username TEXT PRIMARY KEY,
  email TEXT NOT NULL
);
