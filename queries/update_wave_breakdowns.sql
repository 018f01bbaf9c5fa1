-- The numbers of the stored breakdown cells that new_breakdowns holds
-- again (breakdown_matches), where they differ. An UPDATE, not a DELETE
-- and an INSERT: DuckDB's checkpoint then rewrites the updated number
-- columns only, where rows appended make it rewrite the table's whole row
-- group, its six text columns too (BENCHMARKS.md, finding 44).
UPDATE breakdowns AS b SET
    n_valid       = n.n_valid,
    percent       = n.percent,
    percent_exact = n.percent_exact,
    ci_low        = n.ci_low,
    ci_high       = n.ci_high,
    reference     = n.reference,
    suppressed    = n.suppressed
FROM breakdown_matches AS m, new_breakdowns AS n
WHERE b.rowid = m.stored AND n.rowid = m.new
  AND (b.n_valid, b.percent, b.percent_exact, b.ci_low, b.ci_high, b.reference, b.suppressed)
      IS DISTINCT FROM (n.n_valid, n.percent, n.percent_exact, n.ci_low, n.ci_high, n.reference, n.suppressed)
