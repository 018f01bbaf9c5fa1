-- The published actuals that the plan tables and their 自己評価 (案) show,
-- one row per indicator (series) × wave. The one-decimal DECIMAL columns come out
-- as DOUBLE.
SELECT ward, plan_year, issue_no, indicator_no, population, question_key, fiscal_year, survey_id,
       weighted, n_valid, n_positive,
       CAST(percent AS DOUBLE) AS percent,
       CAST(previous_percent AS DOUBLE) AS previous_percent,
       CAST(change_points AS DOUBLE) AS change_points, change_flag, change_p_value,
       ci_low, ci_high, trajectory, status, target_percent, target_op, target_year,
       path_percent, points_per_year_needed, projected_percent, projected_low, projected_high, series, multi
FROM actuals
ORDER BY ward, series, fiscal_year, survey_id
