-- The newest batch the warning rules were evaluated after: a batch beyond it means a crash came
-- between an import and its evaluation (repaired on the next serve, import or warn).
CREATE TABLE warn_evaluation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_batch INTEGER NOT NULL,
  evaluated_at TEXT NOT NULL
);
