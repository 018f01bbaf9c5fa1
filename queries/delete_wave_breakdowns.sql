-- The stored breakdown cells of one wave (? is its survey_id) loaded again
-- that new_breakdowns does not hold again (breakdown_matches): a cell
-- gone, or one whose texts changed.
DELETE FROM breakdowns
WHERE survey_id = ? AND rowid NOT IN (SELECT stored FROM breakdown_matches)
