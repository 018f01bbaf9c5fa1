-- The latest run with the given outcome.
SELECT run_id, started_at, ended_at, triggered_by, changed, reloaded, coalesce(removed, '') AS removed, respondents, answers, actuals, outcome, error
FROM runs
WHERE outcome = ?
ORDER BY run_id DESC
LIMIT 1
