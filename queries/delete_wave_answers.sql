-- The answers of one wave, before it is loaded again or dropped.
DELETE FROM answers WHERE survey_id = ?
