-- The respondents of one wave, before it is loaded again or dropped.
DELETE FROM respondents WHERE survey_id = ?
