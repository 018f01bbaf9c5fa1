-- The cells of new_breakdowns that breakdowns does not hold
-- (breakdown_matches): new cells, and those delete_wave_breakdowns
-- removed; then the merge's temporary view and table are dropped.
INSERT INTO breakdowns
SELECT * FROM new_breakdowns
WHERE rowid NOT IN (SELECT new FROM breakdown_matches);
DROP VIEW breakdown_matches;
DROP TABLE new_breakdowns;
