-- The actuals table for the Parquet export, one row per indicator (series) × wave,
-- every column but the internal indicator_id (it changes with each refresh).
-- The one-decimal DECIMAL columns are cast to DOUBLE so that every reader
-- sees plain numbers; the value is still the published one (59.8).
-- ? is a fiscal year, or NULL for all of them.
SELECT * EXCLUDE (indicator_id) REPLACE (
           CAST(percent AS DOUBLE) AS percent,
           CAST(previous_percent AS DOUBLE) AS previous_percent,
           CAST(change_points AS DOUBLE) AS change_points)
FROM actuals
WHERE fiscal_year = coalesce(?, fiscal_year)
ORDER BY ward, plan_year, issue_no, indicator_no, fiscal_year, survey_id
