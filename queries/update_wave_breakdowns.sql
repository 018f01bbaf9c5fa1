-- The numbers of the stored breakdown cells that new_breakdowns holds
-- again (the same indicator, wave, attribute and code, and the same texts)
-- with other numbers. An UPDATE, not a DELETE and an INSERT: DuckDB's
-- checkpoint then rewrites the updated number columns only, where rows
-- appended make it rewrite the table's whole row group, its six text
-- columns too (BENCHMARKS.md, finding 44). The texts of a cell follow
-- from the definitions, unchanged when a refresh merges (the caller's
-- word), and are compared all the same.
UPDATE breakdowns AS b SET
    n_valid       = n.n_valid,
    percent       = n.percent,
    percent_exact = n.percent_exact,
    ci_low        = n.ci_low,
    ci_high       = n.ci_high,
    reference     = n.reference,
    suppressed    = n.suppressed
FROM new_breakdowns AS n
WHERE b.indicator_id = n.indicator_id AND b.survey_id = n.survey_id
  AND b.attribute_key = n.attribute_key AND b.code IS NOT DISTINCT FROM n.code
  AND b.ward = n.ward AND b.plan_year = n.plan_year AND b.issue_no = n.issue_no
  AND b.indicator_no = n.indicator_no AND b.title = n.title AND b.fiscal_year = n.fiscal_year
  AND b.weighted = n.weighted AND b.attribute_text = n.attribute_text AND b.label = n.label
  AND (b.n_valid, b.percent, b.percent_exact, b.ci_low, b.ci_high, b.reference, b.suppressed)
      IS DISTINCT FROM (n.n_valid, n.percent, n.percent_exact, n.ci_low, n.ci_high, n.reference, n.suppressed)
