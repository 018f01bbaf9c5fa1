-- One ward × fiscal year partition of the actuals for the Parquet export:
-- as export_actuals_arrow, without the partition columns, which the folder
-- names carry (ward=…/fiscal_year=…).
SELECT * EXCLUDE (indicator_id, ward, fiscal_year) REPLACE (
           CAST(percent AS DOUBLE) AS percent,
           CAST(previous_percent AS DOUBLE) AS previous_percent,
           CAST(change_points AS DOUBLE) AS change_points)
FROM actuals
WHERE ward = ? AND fiscal_year = ?
ORDER BY plan_year, issue_no, indicator_no, survey_id
