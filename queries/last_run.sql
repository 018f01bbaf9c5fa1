-- The latest run with the given outcome.
-- A history made before the column removed (read only, so not migrated
-- yet: export) reads it as NULL through the union by name.
SELECT run_id, started_at, ended_at, triggered_by, changed, reloaded, coalesce(removed, '') AS removed, respondents, answers, actuals, outcome, error
FROM (FROM runs UNION ALL BY NAME SELECT NULL::VARCHAR AS removed WHERE false)
WHERE outcome = ?
ORDER BY run_id DESC
LIMIT 1
