-- A run starts as 'running'; the caller holds the refresh lock, so max + 1
-- is safe.
INSERT INTO runs (run_id, started_at, triggered_by, pid, outcome)
SELECT coalesce(max(run_id), 0) + 1, ?, ?, ?, 'running' FROM runs
RETURNING run_id
