-- Ballast store, version 6 (PostgreSQL): the newest batch the warning rules were evaluated
-- after: a batch beyond it means a crash came between an import and its evaluation.
CREATE TABLE warn_evaluation (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  through_batch BIGINT NOT NULL,
  evaluated_at TEXT NOT NULL
);
