-- indicator_domain(min_n): the domain of every indicator in every wave that
-- measures it: the respondents who pass every filter clause, answered the
-- question (無回答 has no answers row) and did not give an excluded code; w
-- is the weight, wu the weight exactly in the wave's units (HUGEINT,
-- create_microdata.sql), y = 1 for a positive code. estimates.sql and breakdowns.sql
-- both read it, so the rule is written once.
--
-- A filtered indicator's domain is a cell like a breakdown's (子育て世帯 in
-- their 40s, say), so a filtered domain of fewer than min_n respondents is
-- left out whole: nothing of it is published, and the trend skips that
-- wave. An unfiltered indicator is the whole surveyed population, the plan's
-- own figure, and is always kept.
CREATE OR REPLACE TEMP MACRO indicator_domain(min_n) AS TABLE
WITH measured AS (
    SELECT i.indicator_id, s.survey_id
    FROM indicators i
    JOIN surveys s ON s.ward = i.ward AND s.population = i.population
    JOIN questions q ON q.survey_id = s.survey_id AND q.key = i.question_key AND q.role = 'question'
),
clauses AS (
    SELECT indicator_id, count(DISTINCT clause_no) AS n
    FROM indicator_filters
    GROUP BY indicator_id
),
passed AS (
    SELECT m.indicator_id, m.survey_id, a.respondent_no
    FROM measured m
    JOIN clauses c ON c.indicator_id = m.indicator_id
    JOIN indicator_filters f ON f.indicator_id = m.indicator_id
    JOIN answers a ON a.survey_id = m.survey_id AND a.key = f.key AND a.code = f.code
    GROUP BY m.indicator_id, m.survey_id, a.respondent_no, c.n
    HAVING count(DISTINCT f.clause_no) = c.n
),
domain AS (
    SELECT m.indicator_id, m.survey_id, a.respondent_no, r.weight AS w, r.weight_units AS wu,
           CASE WHEN p.code IS NULL THEN 0 ELSE 1 END AS y
    FROM measured m
    JOIN indicators i ON i.indicator_id = m.indicator_id
    JOIN answers a ON a.survey_id = m.survey_id AND a.key = i.question_key
    JOIN respondents r ON r.survey_id = a.survey_id AND r.respondent_no = a.respondent_no
    LEFT JOIN indicator_codes p ON p.indicator_id = m.indicator_id AND p.kind = 'positive' AND p.code = a.code
    LEFT JOIN indicator_codes x ON x.indicator_id = m.indicator_id AND x.kind = 'excluded' AND x.code = a.code
    LEFT JOIN clauses c ON c.indicator_id = m.indicator_id
    LEFT JOIN passed f ON f.indicator_id = m.indicator_id AND f.survey_id = m.survey_id
                      AND f.respondent_no = a.respondent_no
    WHERE x.code IS NULL AND (c.n IS NULL OR f.respondent_no IS NOT NULL)
),
sized AS (
    SELECT d.*, c.n IS NOT NULL AS filtered,
           count(*) OVER (PARTITION BY d.indicator_id, d.survey_id) AS domain_n
    FROM domain d
    LEFT JOIN clauses c ON c.indicator_id = d.indicator_id
)
SELECT indicator_id, survey_id, respondent_no, w, wu, y
FROM sized
WHERE NOT filtered OR domain_n >= min_n
