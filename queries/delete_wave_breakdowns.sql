-- The published breakdowns of one wave (? is its survey_id), replaced when
-- only that wave's responses changed (store.Store).
DELETE FROM breakdowns WHERE survey_id = ?
