UPDATE runs
SET ended_at = ?, changed = ?, reloaded = ?, removed = ?, respondents = ?, answers = ?, actuals = ?, outcome = ?, error = ?
WHERE run_id = ?
