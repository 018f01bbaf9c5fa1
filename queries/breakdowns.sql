-- One row per indicator × wave × attribute (questions.csv role 'attribute')
-- × answer code of the attribute, with the sums of breakdowns.csv. The code
-- is NULL for the respondents who left the attribute blank (無回答), so that
-- the cells of an attribute add up to the indicator's domain. Codes nobody
-- in the domain gave have no row.
--
-- The domain is the macro indicator_domain (create_domain_macro.sql), as
-- for estimates.sql.
--
-- Suppression happens here, so that a suppressed cell's values never leave
-- the database. A cell with n below the bound minimum (10) is suppressed.
-- Because the indicator's total is published, the hidden cells of an
-- attribute can be recovered together as the total minus the shown ones; so
-- when an attribute has a small cell, its cells are hidden from the smallest
-- up until at least two are hidden and together they hold at least the
-- minimum (complementary suppression). A suppressed row has every count,
-- sum and percentage NULL.
WITH params AS (
    SELECT CAST(? AS INTEGER) AS min_n
),
cells AS (
    SELECT d.indicator_id, d.survey_id, t.key AS attribute_key, b.code,
           count(*)                                     AS n_valid,
           sum(d.y)                                     AS n_positive,
           sum(d.w)                                     AS sw,
           sum(d.w * d.y)                               AS swy,
           sum(d.w * d.w)                               AS sw2,
           sum(d.w * d.w * d.y)                         AS sw2y,
           sum(d.wu)                                    AS sw_int,
           sum(d.wu * d.y)                              AS swy_int
    FROM indicator_domain(?) d
    JOIN questions t ON t.survey_id = d.survey_id AND t.role = 'attribute'
    LEFT JOIN answers b ON b.survey_id = d.survey_id AND b.respondent_no = d.respondent_no AND b.key = t.key
    GROUP BY d.indicator_id, d.survey_id, t.key, b.code
),
ranked AS (
    -- Cells from the smallest up; before_n is what the smaller cells hold.
    SELECT c.*, c.n_valid < p.min_n AS small, p.min_n,
           count(*) FILTER (WHERE c.n_valid < p.min_n)
               OVER (PARTITION BY c.indicator_id, c.survey_id, c.attribute_key) AS n_small,
           row_number()
               OVER (PARTITION BY c.indicator_id, c.survey_id, c.attribute_key
                     ORDER BY c.n_valid, c.code NULLS LAST) AS size_rank,
           coalesce(sum(c.n_valid)
               OVER (PARTITION BY c.indicator_id, c.survey_id, c.attribute_key
                     ORDER BY c.n_valid, c.code NULLS LAST
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_n
    FROM cells c, params p
),
flagged AS (
    SELECT *, small OR (n_small > 0 AND (size_rank <= 2 OR before_n < min_n)) AS suppressed
    FROM ranked
)
SELECT f.indicator_id, i.ward, i.plan_year, i.issue_no, i.indicator_no, i.title,
       s.survey_id, s.fiscal_year, s.respondents, s.weighted,
       f.attribute_key, t.text AS attribute_text, f.code,
       CASE WHEN f.code IS NULL THEN '無回答' ELSE coalesce(ch.label, CAST(f.code AS VARCHAR)) END AS label,
       f.suppressed,
       CASE WHEN f.suppressed THEN NULL ELSE f.n_valid END    AS n_valid,
       CASE WHEN f.suppressed THEN NULL ELSE f.n_positive END AS n_positive,
       CASE WHEN f.suppressed THEN NULL ELSE f.sw END         AS sw,
       CASE WHEN f.suppressed THEN NULL ELSE f.swy END        AS swy,
       CASE WHEN f.suppressed THEN NULL ELSE f.sw2 END        AS sw2,
       CASE WHEN f.suppressed THEN NULL ELSE f.sw2y END       AS sw2y,
       CASE WHEN f.suppressed THEN NULL ELSE published_tenths(f.swy_int, f.sw_int) END AS percent_tenths
FROM flagged f
JOIN indicators i ON i.indicator_id = f.indicator_id
JOIN surveys s ON s.survey_id = f.survey_id
JOIN questions t ON t.survey_id = f.survey_id AND t.key = f.attribute_key AND t.role = 'attribute'
LEFT JOIN choices ch ON ch.survey_id = f.survey_id AND ch.key = f.attribute_key AND ch.code = f.code
ORDER BY i.ward, i.plan_year, i.issue_no, i.indicator_no, s.fiscal_year, s.survey_id,
         f.attribute_key, f.code NULLS LAST
