-- One row per indicator × wave that measures it: the sums from which the
-- published percentage and its statistics are computed. No respondent-level
-- value leaves this query.
-- The domain is the macro indicator_domain (create_domain_macro.sql). A/B
-- is not decided here: compute applies stats.Target.Status to the
-- published tenths, the one place of that rule.
WITH sums AS (
    SELECT indicator_id, survey_id,
           count(*)                        AS n_valid,
           sum(y)                          AS n_positive,
           sum(w)                          AS sw,
           sum(w * y)                      AS swy,
           sum(w * w)                      AS sw2,
           sum(w * w * y)                  AS sw2y,
           -- The weights exactly, in the wave's units (the group is one
           -- wave), so that the published rounding below is exact
           -- rational arithmetic.
           sum(wu)                         AS sw_int,
           sum(wu * y)                     AS swy_int
    FROM indicator_domain(?)
    GROUP BY indicator_id, survey_id
),
published AS (
    SELECT *,
           published_tenths(swy_int, sw_int) AS percent_tenths
    FROM sums
)
SELECT i.indicator_id, i.ward, i.plan_year, i.issue_no, i.indicator_no, i.title, i.population,
       i.question_key, q.text AS question_text, s.survey_id, s.fiscal_year,
       coalesce(s.mailed, 0) AS mailed, s.respondents, s.weighted,
       p.n_valid, p.n_positive, p.sw, p.swy, p.sw2, p.sw2y, p.percent_tenths,
       CAST(i.target_percent AS DOUBLE) AS target_percent, i.target_op, i.target_year
FROM published p
JOIN indicators i ON i.indicator_id = p.indicator_id
JOIN surveys s ON s.survey_id = p.survey_id
JOIN questions q ON q.survey_id = s.survey_id AND q.key = i.question_key
ORDER BY i.ward, i.plan_year, i.issue_no, i.indicator_no, s.fiscal_year, s.survey_id
