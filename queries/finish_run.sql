UPDATE runs
SET ended_at = ?, changed = ?, reloaded = ?, respondents = ?, answers = ?, actuals = ?, outcome = ?, error = ?
WHERE run_id = ?
