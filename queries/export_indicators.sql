-- The plan's indicators as the last refresh loaded them, for the plan
-- tables of the export (definitions only, no survey data).
SELECT ward, plan_year, issue_no, indicator_no, title, population, question_key, filter_text, series,
       CAST(target_percent AS DOUBLE) AS target_percent, target_op, target_year, source_text
FROM indicators
ORDER BY ward, plan_year, issue_no, indicator_no
