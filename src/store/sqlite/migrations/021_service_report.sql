-- Ballast store: the automatic 督办 on a second "not solved" rating recorded its reason as an
-- English sentence that Chinese users read. It is now the code 'rule:second_not_solved' that the
-- UI shows in the reader's language (service/joint.h kSecondNotSolvedReason); rewrite the rows
-- written before, of the party "system" only (a dispatcher's own words stay as they are).
UPDATE service_appeal_event SET reason = 'rule:second_not_solved'
  WHERE actor = 'system' AND reason = 'second ''not solved'' rating after a reopen';
UPDATE service_notice SET reason = 'rule:second_not_solved'
  WHERE created_by = 'system' AND reason = 'second ''not solved'' rating after a reopen';
