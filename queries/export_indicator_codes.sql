-- The positive and excluded codes of every loaded indicator, to check that
-- indicators.csv still defines what the actuals were computed with.
SELECT i.ward, i.plan_year, i.issue_no, i.indicator_no, c.kind, c.code
FROM indicator_codes c
JOIN indicators i ON i.indicator_id = c.indicator_id
ORDER BY i.ward, i.plan_year, i.issue_no, i.indicator_no, c.kind, c.code
