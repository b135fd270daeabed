-- Ballast store: files attached to an appeal or to a reply (issue 14 item 4), kept in the store
-- with their SHA-256. `internal` files are for staff only (never shown to the enterprise).
CREATE TABLE service_attachment (
  id BIGSERIAL PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES service_appeal(id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  internal BIGINT NOT NULL DEFAULT 0,
  uploaded_by TEXT NOT NULL,
  party TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  content BYTEA NOT NULL
);
CREATE INDEX service_attachment_appeal ON service_attachment(appeal_id);
