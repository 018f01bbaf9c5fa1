-- The published actuals that the plan tables show, one row per indicator ×
-- wave. The one-decimal DECIMAL columns come out as DOUBLE.
SELECT ward, plan_year, issue_no, indicator_no, fiscal_year, survey_id, n_valid,
       CAST(percent AS DOUBLE) AS percent,
       CAST(previous_percent AS DOUBLE) AS previous_percent,
       ci_low, ci_high, trajectory, status
FROM actuals
ORDER BY ward, plan_year, issue_no, indicator_no, fiscal_year, survey_id
